import {
  type APIApplicationCommand,
  type APIApplicationCommandOption,
  ApplicationCommandOptionType,
  ApplicationCommandType,
  Locale,
  type LocalizationMap,
  type RESTPostAPIApplicationCommandsJSONBody,
  Routes,
} from "discord-api-types/v10";
import { REST } from "discord.js";
import { afterEach, describe, expect, it } from "vitest";
import { ELLIPSIS } from "../../src/core/clip.js";
import { CATALOGUES } from "../../src/core/i18n/catalogues.js";
import { messageCommands } from "../../src/platforms/discord/cardFromMessage.js";
import { slashCommands } from "../../src/platforms/discord/commands.js";
import { registerCommands } from "../../src/platforms/discord/register.js";
import { useTempDir } from "../kit/tempDir.js";
import { COMMAND_CHARACTERS_MAX, commandProblems, commandCharacters } from "./fake/commandRules.js";
import { APP_ID, BOT_TOKEN, FakeDiscord, GUILD_ID } from "./fakeDiscord.js";
import { ANA, BO, buttonsOf, type DiscordScenario, discordScenario, embedText, QUIZ_CHANNEL } from "./harness.js";

const LOCALES = CATALOGUES.flatMap((catalogue) => catalogue.locales).sort();
const keysOf = (map: LocalizationMap | null | undefined) => Object.keys(map ?? {}).sort();

/** Every option at every depth (subcommands, then their options) with where it sits. */
function everyOption(command: APIApplicationCommand): { where: string; option: APIApplicationCommandOption }[] {
  const walk = (where: string, options: readonly APIApplicationCommandOption[]): ReturnType<typeof everyOption> =>
    options.flatMap((option) => [
      { where: `${where} ${option.name}`, option },
      ...("options" in option && option.options ? walk(`${where} ${option.name}`, option.options) : []),
    ]);
  return walk(`/${command.name}`, command.options ?? []);
}

describe("Discord's slash commands in every language of src/core/i18n", () => {
  let fake: FakeDiscord | undefined;
  let scenario: DiscordScenario | undefined;
  const tempDir = useTempDir("studybot-discord-l10n-");
  afterEach(async () => {
    await fake?.close();
    fake = undefined;
    await scenario?.shutdown();
    scenario = undefined;
  });

  it("registers every command, subcommand, option and choice with each language's names and descriptions", async () => {
    fake = await FakeDiscord.start();
    await registerCommands({ token: BOT_TOKEN, apiBase: fake.apiBase, rest: { retries: 0 } }, GUILD_ID);
    expect(LOCALES).toEqual(["de", "en-GB", "en-US", "fr"]);
    const slash = fake.guildCommands.filter((command) => command.type === ApplicationCommandType.ChatInput);
    expect(slash).toHaveLength(12);
    let fields = 0;
    for (const command of slash) {
      for (const { where, option } of [{ where: `/${command.name}`, option: command }, ...everyOption(command)]) {
        expect(keysOf(option.name_localizations), where).toEqual(LOCALES);
        expect(keysOf(option.description_localizations), where).toEqual(LOCALES);
        // English is the default, listed under both English locales as Discord advises.
        expect(option.name_localizations?.["en-US"], where).toBe(option.name);
        expect(option.description_localizations?.["en-GB"], where).toBe(option.description);
        for (const choice of "choices" in option ? (option.choices ?? []) : []) {
          expect(keysOf(choice.name_localizations), `${where} ${choice.value}`).toEqual(LOCALES);
        }
        fields++;
      }
    }
    expect(fields).toBeGreaterThan(50);
    const makeCard = fake.guildCommands.find((command) => command.type === ApplicationCommandType.Message);
    expect(makeCard?.name_localizations).toEqual({
      "en-US": "Make a flashcard",
      "en-GB": "Make a flashcard",
      de: "Karteikarte erstellen",
      fr: "Créer une fiche",
    });

    const schedule = slash.find((command) => command.name === "schedule");
    expect(schedule?.name_localizations?.de).toBe("zeitplan");
    expect(schedule?.description_localizations?.de).toBe(
      "Quizze in diesem Kanal nach Zeitplan posten (Server verwalten)",
    );
    const add = schedule?.options?.find((option) => option.name === "add");
    expect(add?.name_localizations?.de).toBe("hinzufügen");
    const cards = add && "options" in add ? add.options?.find((option) => option.name === "cards") : undefined;
    expect(cards?.name_localizations?.de).toBe("karten");
    const choices = cards && "choices" in cards ? (cards.choices ?? []) : [];
    expect(choices.map((choice) => choice.value)).toEqual(["rotation", "weakest"]);
    expect(choices.map((choice) => choice.name_localizations?.de)).toEqual(["Reihum", "Schwächste zuerst"]);
    expect(choices.map((choice) => choice.name_localizations?.fr)).toEqual([
      "à tour de rôle",
      "les plus faibles d'abord",
    ]);
    // Help's topics are the command words, shown as each language names the commands.
    const help = slash.find((command) => command.name === "help")?.options?.[0];
    const topics = help && "choices" in help ? (help.choices ?? []) : [];
    expect(topics.find((choice) => choice.value === "schedule")?.name_localizations?.de).toBe("zeitplan");
    expect(topics.find((choice) => choice.value === "drill")?.name_localizations?.de).toBe("üben");
  });

  it("keeps every language within Discord's rules and limits, no translation clipped", () => {
    const payload = [...slashCommands(), ...messageCommands()];
    expect(commandProblems(payload)).toEqual([]);
    const texts = JSON.stringify(payload);
    expect(texts).not.toContain(ELLIPSIS);
    const largest = Math.max(...payload.map(commandCharacters));
    // /me, with ten subcommands, is the largest: German made it longer, far from the limit.
    expect(largest).toBeLessThan(COMMAND_CHARACTERS_MAX / 2);
  });

  it("the fake refuses commands Discord would refuse, saying why", async () => {
    fake = await FakeDiscord.start();
    const rest = new REST({ api: fake.apiBase, retries: 0 }).setToken(BOT_TOKEN);
    const put = (body: RESTPostAPIApplicationCommandsJSONBody[]) =>
      rest.put(Routes.applicationGuildCommands(APP_ID, GUILD_ID), { body });
    const [drill] = slashCommands().filter((command) => command.name === "drill");
    if (!drill) throw new Error("no /drill");
    const withDrill = (change: Partial<RESTPostAPIApplicationCommandsJSONBody>) => [{ ...drill, ...change }];
    const options = drill.options ?? [];
    const deckRenamed = (name: string) =>
      options.map((option) =>
        option.name === "count"
          ? { ...option, name_localizations: { ...option.name_localizations, de: name } }
          : option,
      );

    await expect(put(withDrill({ name_localizations: { german: "üben" } as LocalizationMap }))).rejects.toThrow(
      '"german" is not a Discord locale',
    );
    await expect(put(withDrill({ name_localizations: { de: "Üben" } }))).rejects.toThrow('invalid "Üben"');
    await expect(put(withDrill({ name_localizations: { de: "jetzt üben" } }))).rejects.toThrow('invalid "jetzt üben"');
    await expect(put(withDrill({ description_localizations: { de: "x".repeat(101) } }))).rejects.toThrow(
      "Invalid Form Body",
    );
    // A German option name that is another option's default name, or another German name at that level.
    await expect(put(withDrill({ options: deckRenamed("deck") }))).rejects.toThrow("is another option's name");
    await expect(put(withDrill({ options: deckRenamed("stapel") }))).rejects.toThrow('"stapel" twice');
    const long = "x".repeat(100);
    const padded = Array.from({ length: 25 }, (_, index) => ({
      type: ApplicationCommandOptionType.String as const,
      name: `o${index}`,
      description: long,
      description_localizations: { de: long },
      choices: Array.from({ length: 25 }, (_, choice) => ({ name: long, value: `${choice}`.padEnd(100, "v") })),
    }));
    await expect(put(withDrill({ options: padded }))).rejects.toThrow("more than 8000");
    expect(fake.guildCommands).toEqual([]);
  });

  it("runs what a German member picks by German names and choices: Discord sends the default names", async () => {
    scenario = await discordScenario(tempDir());
    const { fake: discord } = scenario;
    const quiz = discord.sendLocalizedCommand(ANA.id, QUIZ_CHANNEL, Locale.German, "quiz jetzt", {
      modus: "Reaktionen",
      zeitfenster: "2h",
    });
    expect(embedText(await scenario.replyOf(quiz))).toContain("Quiz #1 is up in this channel.");
    const [message] = discord.messagesIn(QUIZ_CHANNEL);
    if (!message) throw new Error("no quiz message");
    expect(buttonsOf(message)).toEqual([]);
    expect(scenario.store.quizzes.get(1)?.closesAt).toBeDefined();

    const board = discord.sendLocalizedCommand(BO.id, QUIZ_CHANNEL, Locale.German, "bestenliste", {
      zeitraum: "Gesamt",
      nach: "Trefferquote",
    });
    expect(embedText(await scenario.replyOf(board))).toContain("Leaderboard · Accuracy · all time");
  });

  it("answers /hilfe in German, /aide in French and help in English, as each member's Discord is set", async () => {
    scenario = await discordScenario(tempDir());
    const { fake: discord } = scenario;
    const german = embedText(
      await scenario.replyOf(discord.sendLocalizedCommand(BO.id, QUIZ_CHANNEL, Locale.German, "hilfe")),
    );
    expect(german).toContain("studybot · Befehle");
    expect(german).toContain(": Deine fälligen Karten privat wiederholen: 1 bis 50 Karten");
    expect(german).toContain("Mit (Admin) markierte Befehle brauchen Adminrechte.");
    const topic = embedText(
      await scenario.replyOf(
        discord.sendLocalizedCommand(BO.id, QUIZ_CHANNEL, Locale.German, "hilfe", { befehl: "zeitplan" }),
      ),
    );
    // Usage lines keep the grammar's words: Slack and the terminal read those.
    expect(topic).toMatch(/^schedule add .*\(Admin\): Quizze nach Cron-Zeitplan/m);

    const french = embedText(
      await scenario.replyOf(discord.sendLocalizedCommand(BO.id, QUIZ_CHANNEL, Locale.French, "aide")),
    );
    expect(french).toContain("studybot · commandes");
    expect(french).toContain(": Réviser vos cartes dues en privé");

    const english = embedText(await scenario.replyOf(discord.sendCommand(BO.id, QUIZ_CHANNEL, "help")));
    expect(english).toContain("studybot · commands");
    expect(english).toContain(": Review your due cards privately");
    expect(english).not.toContain("Deine");
  });
});
