import { text, type View, view } from "./views.js";

export interface CommandUsage {
  /** The words that select the command, which a help topic is matched against: "schedule add". */
  words: readonly string[];
  usage: string;
  summary: string;
  admin: boolean;
}

/** The command list, or the usage of the commands whose words start with the topic; admin commands are marked. */
export function helpView(commands: readonly CommandUsage[], options: { topic?: string; isAdmin: boolean }): View {
  const topic = options.topic?.toLowerCase();
  const matching = topic ? commands.filter((command) => command.words.join(" ").startsWith(topic)) : commands;
  const shown = matching.length > 0 ? matching : commands;
  const blocks = [
    ...(topic && matching.length === 0 ? [text(`No command starts with "${topic}". All commands:`)] : []),
    {
      type: "fields" as const,
      fields: shown.map((command) => ({
        label: command.admin ? `${command.usage} (admin)` : command.usage,
        value: [command.summary],
      })),
    },
  ];
  const footer = options.isAdmin
    ? "Windows: 30m, 2h, 1d · time zones: IANA names such as Europe/Berlin"
    : "Commands marked (admin) need admin rights.";
  return view("studybot · commands", "info", blocks, { footer });
}
