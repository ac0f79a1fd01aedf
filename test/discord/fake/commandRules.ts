import {
  type APIApplicationCommandOption,
  ApplicationCommandType,
  Locale,
  type LocalizationMap,
  type RESTPostAPIApplicationCommandsJSONBody,
} from "discord-api-types/v10";

/**
 * Discord's checks of the commands an app registers, written from its
 * documentation (Application Commands: naming, option structure, limits,
 * localization), not from src, so the fake refuses what Discord would:
 * names, descriptions, choices, their localizations, uniqueness and size.
 */

/** Chat input command and option names; a letter with a lowercase form must be lowercase. */
export const CHAT_INPUT_NAME = /^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;
export const DISCORD_LOCALES: ReadonlySet<string> = new Set(Object.values(Locale));
const DESCRIPTION_MAX = 100;
const CHOICE_NAME_MAX = 100;
const OPTIONS_MAX = 25;
/** Names, descriptions and choices of one command, counting the longest localization of each field. */
export const COMMAND_CHARACTERS_MAX = 8000;

type Option = APIApplicationCommandOption;
type Field = { name?: string; name_localizations?: LocalizationMap | null };
type Described = Field & { description?: string; description_localizations?: LocalizationMap | null };

/** What is wrong with a PUT of an app's commands: one line a problem, none when Discord would accept it. */
export function commandProblems(commands: readonly RESTPostAPIApplicationCommandsJSONBody[]): string[] {
  const problems = commands.flatMap((command) => {
    const where = `command ${command.name}`;
    const chatInput = (command.type ?? ApplicationCommandType.ChatInput) === ApplicationCommandType.ChatInput;
    if (!chatInput) return nameProblems(where, command, (name) => name.length >= 1 && name.length <= 32);
    const options = "options" in command ? (command.options ?? []) : [];
    return [
      ...describedProblems(where, command),
      ...optionsProblems(where, options),
      ...(commandCharacters(command) > COMMAND_CHARACTERS_MAX
        ? [`${where}: ${commandCharacters(command)} characters, more than ${COMMAND_CHARACTERS_MAX}`]
        : []),
    ];
  });
  for (const type of new Set(commands.map((command) => command.type ?? ApplicationCommandType.ChatInput))) {
    const names = commands.filter((command) => (command.type ?? ApplicationCommandType.ChatInput) === type);
    problems.push(
      ...duplicates(
        "commands",
        names.map((command) => command.name),
      ),
    );
  }
  return problems;
}

const chatInputName = (name: string) => CHAT_INPUT_NAME.test(name) && name === name.toLowerCase();
const descriptionFits = (text: string) => text.length >= 1 && text.length <= DESCRIPTION_MAX;

function nameProblems(where: string, field: Field, valid: (name: string) => boolean): string[] {
  return [
    ...(valid(field.name ?? "") ? [] : [`${where}: invalid name "${field.name}"`]),
    ...localizationProblems(`${where} name`, field.name_localizations, valid),
  ];
}

function describedProblems(where: string, field: Described): string[] {
  return [
    ...nameProblems(where, field, chatInputName),
    ...(descriptionFits(field.description ?? "")
      ? []
      : [`${where}: description of ${field.description?.length} characters`]),
    ...localizationProblems(`${where} description`, field.description_localizations, descriptionFits),
  ];
}

function localizationProblems(
  where: string,
  map: LocalizationMap | null | undefined,
  valid: (text: string) => boolean,
): string[] {
  return Object.entries(map ?? {}).flatMap(([locale, text]) => [
    ...(DISCORD_LOCALES.has(locale) ? [] : [`${where}: "${locale}" is not a Discord locale`]),
    ...(text === null || text === undefined || valid(text) ? [] : [`${where} (${locale}): invalid "${text}"`]),
  ]);
}

/**
 * One level of options: each well named and described, with valid choices;
 * names unique, and a localized name distinct from every default name at
 * that level and from the other names in its locale.
 */
function optionsProblems(where: string, options: readonly Option[]): string[] {
  const problems = options.length > OPTIONS_MAX ? [`${where}: ${options.length} options`] : [];
  const defaults = options.map((option) => option.name);
  problems.push(...duplicates(`${where} options`, defaults));
  for (const locale of new Set(options.flatMap((option) => Object.keys(option.name_localizations ?? {})))) {
    const localized = options.map((option) => option.name_localizations?.[locale as Locale] ?? option.name);
    problems.push(...duplicates(`${where} options (${locale})`, localized));
    options.forEach((option, index) => {
      const name = localized[index] ?? "";
      if (name !== option.name && defaults.includes(name)) {
        problems.push(`${where} option ${option.name} (${locale}): "${name}" is another option's name`);
      }
    });
  }
  for (const option of options) {
    const at = `${where} option ${option.name}`;
    problems.push(...describedProblems(at, option));
    if ("choices" in option && option.choices) problems.push(...choiceProblems(at, option.choices));
    if ("options" in option && option.options) problems.push(...optionsProblems(at, option.options));
  }
  return problems;
}

function choiceProblems(where: string, choices: readonly (Field & { value: string | number })[]): string[] {
  const fits = (name: string) => name.length >= 1 && name.length <= CHOICE_NAME_MAX;
  return [
    ...(choices.length > OPTIONS_MAX ? [`${where}: ${choices.length} choices`] : []),
    ...choices.flatMap((choice) => nameProblems(`${where} choice ${choice.value}`, choice, fits)),
    ...choices.flatMap((choice) =>
      typeof choice.value === "string" && choice.value.length > CHOICE_NAME_MAX
        ? [`${where} choice value of ${choice.value.length} characters`]
        : [],
    ),
  ];
}

function duplicates(where: string, names: readonly string[]): string[] {
  const seen = names.filter((name, index) => names.indexOf(name) !== index);
  return [...new Set(seen)].map((name) => `${where}: "${name}" twice`);
}

/** Discord's size rule: each field counts its longest text, the default or a localization. */
function longest(text: string | undefined, map: LocalizationMap | null | undefined): number {
  return Math.max(text?.length ?? 0, ...Object.values(map ?? {}).map((each) => each?.length ?? 0));
}

export function commandCharacters(field: Described & { options?: readonly Option[] }): number {
  const own =
    longest(field.name, field.name_localizations) + longest(field.description, field.description_localizations);
  const choices =
    "choices" in field && Array.isArray(field.choices) ? (field.choices as (Field & { value: unknown })[]) : [];
  return (
    own +
    choices.reduce(
      (sum, choice) => sum + longest(choice.name, choice.name_localizations) + String(choice.value).length,
      0,
    ) +
    (field.options ?? []).reduce((sum, option) => sum + commandCharacters(option), 0)
  );
}
