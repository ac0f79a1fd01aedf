import type { CommandName } from "./commands.js";
import { BASE_TEXTS } from "./i18n/catalogues.js";
import type { CommandTexts } from "./i18n/texts.js";
import { text, type View, view } from "./views.js";

export interface CommandUsage {
  name: CommandName;
  /** The words that select the command, which a help topic is matched against: "schedule add". */
  words: readonly string[];
  usage: string;
  admin: boolean;
}

/**
 * The command list, or the usage of the commands whose words start with the
 * topic; admin commands are marked. Summaries and labels are in the texts'
 * language; usage lines keep the grammar's words, which every platform reads.
 */
export function helpView(
  commands: readonly CommandUsage[],
  options: { topic?: string; isAdmin: boolean; texts?: CommandTexts },
): View {
  const { commands: summaries, help } = options.texts ?? BASE_TEXTS;
  const topic = options.topic?.toLowerCase();
  const matching = topic ? commands.filter((command) => command.words.join(" ").startsWith(topic)) : commands;
  const shown = matching.length > 0 ? matching : commands;
  const blocks = [
    ...(topic && matching.length === 0 ? [text(help.noMatch.replace("{topic}", topic))] : []),
    {
      type: "fields" as const,
      fields: shown.map((command) => ({
        label: command.admin ? `${command.usage}${help.adminMark}` : command.usage,
        value: [summaries[command.name].description],
      })),
    },
  ];
  return view(help.title, "info", blocks, { footer: options.isAdmin ? help.adminFooter : help.memberFooter });
}
