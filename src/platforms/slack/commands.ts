import type { App, RespondFn } from "@slack/bolt";
import { commandWords } from "../../core/grammar.js";
import { type Button, text, type View } from "../../core/views.js";
import { handleCommand } from "../../services/commandRouter.js";
import type { Actor, Reply } from "../../services/ports.js";
import { PostRefusedError } from "../../services/ports.js";
import { mayBeAppliedAfter } from "../errorPath.js";
import type { SlackAdapter } from "./app.js";
import { openDeckImportModal } from "./deckImport.js";
import { type Asker, doneOrApologised } from "./errorPath.js";
import { renderMessage } from "./render.js";
import { sendFilesPrivately, uploadReplyFiles } from "./replyFiles.js";

/** Slack's one command: its text is the grammar every platform shares (`/study quiz now`). */
export const SLASH_COMMAND = "/study";

/**
 * Buttons under the help, for people who do not know the grammar yet.
 * Clicking one is the same as typing it, with the clicker's own rights.
 */
const QUICK_COMMANDS = (
  [
    { label: "Drill", name: "drill" },
    { label: "Quiz now", name: "quiz-now" },
    { label: "Leaderboard", name: "leaderboard" },
    { label: "My stats", name: "stats" },
    { label: "Decks", name: "deck-list" },
  ] as const
).map(({ label, name }) => ({ label, line: commandWords(name) }));
const QUICK_COMMAND_PREFIX = "study:";

/** The command line a help button runs; undefined for any value the help did not render. */
export function quickCommandOf(value: string): string | undefined {
  if (!value.startsWith(QUICK_COMMAND_PREFIX)) return undefined;
  const line = value.slice(QUICK_COMMAND_PREFIX.length);
  return QUICK_COMMANDS.find((command) => command.line === line)?.line;
}

function withQuickCommands(help: View): View {
  const row: Button[] = QUICK_COMMANDS.map((command) => ({
    action: `${QUICK_COMMAND_PREFIX}${command.line}`,
    label: command.label,
    style: "secondary",
  }));
  return {
    ...help,
    blocks: [
      text(
        "Type ",
        { code: `${SLASH_COMMAND} <command>` },
        ", for example ",
        { code: `${SLASH_COMMAND} quiz now` },
        ".",
      ),
      ...help.blocks,
    ],
    buttons: [...help.buttons, row],
  };
}

/**
 * Runs a command line for a Slack user and shows the reply: private replies
 * as ephemeral messages through the response URL, public ones posted in the
 * channel (or through the response URL when the bot may not post there).
 */
export async function runCommandLine(
  adapter: SlackAdapter,
  actor: Actor,
  line: string,
  respond: RespondFn,
  triggerId?: string,
): Promise<void> {
  const wantsHelp = line === "" || line.toLowerCase() === "help";
  const reply = await handleCommand(adapter.services, actor, wantsHelp ? "help" : line);
  if (reply.form && triggerId) {
    await openDeckImportModal(adapter, reply.form, triggerId, actor.channelId);
    return;
  }
  await deliver(adapter, wantsHelp ? { ...reply, view: withQuickCommands(reply.view) } : reply, actor, respond);
}

async function deliver(adapter: SlackAdapter, reply: Reply, actor: Actor, respond: RespondFn): Promise<void> {
  const { channelId, userId } = actor;
  const files = reply.files ?? [];
  if (reply.visibility === "public") {
    try {
      await adapter.messenger.post(channelId, reply.view);
      if (files.length > 0) await uploadReplyFiles(adapter.client, files, channelId);
      return;
    } catch (error) {
      if (!(error instanceof PostRefusedError)) throw error;
      // A response URL may post in channels and DMs the bot has not joined; files then go to the asker.
      const shown = files.length > 0 ? await sendFilesPrivately(adapter.client, files, userId, reply.view) : reply.view;
      await respond({ response_type: "in_channel", ...renderMessage(shown) });
      return;
    }
  }
  const shown = files.length > 0 ? await sendFilesPrivately(adapter.client, files, userId, reply.view) : reply.view;
  await respond({ response_type: "ephemeral", replace_original: false, ...renderMessage(shown) });
}

export function registerStudyCommand(app: App, adapter: SlackAdapter): void {
  app.command(SLASH_COMMAND, async ({ command, ack, respond }) => {
    await ack();
    const line = command.text.trim();
    const asker: Asker = { channelId: command.channel_id, userId: command.user_id, respond };
    await doneOrApologised(adapter, asker, mayBeAppliedAfter(line), async () => {
      const actor = await adapter.users.actor({
        teamId: command.team_id,
        teamName: command.team_domain,
        channelId: command.channel_id,
        userId: command.user_id,
        fallbackName: command.user_name,
      });
      await runCommandLine(adapter, actor, line, respond, command.trigger_id);
    });
  });
}
