import {
  type APIApplicationCommand,
  type APIApplicationCommandOption,
  ApplicationCommandOptionType,
  type Locale,
  type LocalizationMap,
} from "discord-api-types/v10";

/**
 * What a person whose Discord speaks `locale` picks in the command menu,
 * turned into what Discord sends the bot: the path and option names they saw
 * in their language, and the choice names they clicked, become the default
 * names and the choices' values ("When taking advantage of command
 * localization, the interaction payload received by your client will still
 * use default command, subcommand, and option names": Application Commands,
 * Localization).
 */
export function defaultInvocation(
  commands: readonly APIApplicationCommand[],
  locale: Locale,
  seenPath: string,
  seenOptions: Record<string, string | number | boolean>,
): { path: string; options: Record<string, string | number | boolean> } {
  const seenAs = (field: { name: string; name_localizations?: LocalizationMap | null }, seen: string) =>
    (field.name_localizations?.[locale] ?? field.name) === seen;
  const [seenName = "", seenSub] = seenPath.split(" ");
  const command = commands.find((each) => seenAs(each, seenName));
  if (!command) throw new Error(`fake Discord: no command shows as /${seenName} in ${locale}`);
  let definitions: readonly APIApplicationCommandOption[] = command.options ?? [];
  const path = [command.name];
  if (seenSub) {
    const sub = definitions.find(
      (option) => option.type === ApplicationCommandOptionType.Subcommand && seenAs(option, seenSub),
    );
    if (!sub || sub.type !== ApplicationCommandOptionType.Subcommand) {
      throw new Error(`fake Discord: /${seenName} has no subcommand that shows as ${seenSub} in ${locale}`);
    }
    path.push(sub.name);
    definitions = sub.options ?? [];
  }
  const options = Object.entries(seenOptions).map(([seen, value]) => {
    const option = definitions.find((each) => seenAs(each, seen));
    if (!option) throw new Error(`fake Discord: /${seenPath} has no option that shows as ${seen} in ${locale}`);
    const choices = "choices" in option ? (option.choices ?? []) : [];
    const clicked = choices.find((choice) => seenAs(choice, String(value)));
    return [option.name, clicked ? clicked.value : value] as const;
  });
  return { path: path.join(" "), options: Object.fromEntries(options) };
}
