import { createInterface } from "node:readline";
import type { Readable, Writable } from "node:stream";
import { letterIndex } from "../../core/question.js";
import { answerAckView } from "../../core/quizViews.js";
import { type View, view, text } from "../../core/views.js";
import { enrolActor, handleCommand } from "../../services/commandRouter.js";
import type { Actor } from "../../services/ports.js";
import type { ChannelMessenger } from "../../services/ports.js";
import type { Services } from "../../services/services.js";
import { drillLine } from "../../services/drillLines.js";
import { apologyFor, recordOrSayNot } from "../errorPath.js";
import { ansiStyle, plainStyle, renderText } from "./render.js";
import { saveReplyFiles } from "./savedFiles.js";

export const CONSOLE_PLATFORM = "console";
export const CONSOLE_CHANNEL = "terminal";

export interface ConsoleOptions {
  input: Readable;
  output: Writable;
  userName: string;
  /** Bold and dim text; off for piped output so scripts read plain text. */
  color: boolean;
  /** Where the files replies carry (exports, charts) are saved. */
  filesDir: string;
}

/**
 * The terminal bot: the command grammar typed as lines, a bare letter answers
 * the open quiz. One local user, who is an admin, in one local channel.
 */
export class ConsoleBot {
  private readonly actor: Actor;
  private readonly style;
  private postedCount = 0;
  private stopped = false;
  private lines: ReturnType<typeof createInterface> | undefined;

  constructor(
    private readonly services: Services,
    private readonly options: ConsoleOptions,
  ) {
    this.actor = {
      platform: CONSOLE_PLATFORM,
      communityId: "local",
      communityName: "Terminal",
      channelId: CONSOLE_CHANNEL,
      userId: options.userName,
      userName: options.userName,
      isAdmin: true,
    };
    this.style = options.color ? ansiStyle : plainStyle;
  }

  /** Quizzes and their results are printed where the user types. */
  readonly messenger: ChannelMessenger = {
    post: async (_channelId, v) => {
      this.print(v);
      this.postedCount += 1;
      return { messageId: `console-${Date.now().toString(36)}-${this.postedCount}` };
    },
    edit: async (_channelId, _messageId, v) => {
      this.print(v);
    },
    // The terminal has one person: a reminder is printed where they type, while the bot runs.
    sendDirect: async (_userId, v) => {
      this.print(v);
    },
  };

  print(v: View): void {
    this.options.output.write(`\n${renderText(v, this.style)}`);
  }

  welcome(): void {
    const decks = this.services.decks.files.list();
    const summary = decks.map((deck) => `${deck.id} (${deck.cards.length} cards)`).join(", ") || "no decks loaded";
    this.print(
      view("studybot", "info", [
        text(`Hello ${this.options.userName}. Decks: ${summary}.`),
        text("Try: quiz now · then type A, B, C or D · drill · leaderboard · stats · help · quit"),
      ]),
    );
  }

  /** Reads lines until end of input, `quit` or stop(), one at a time, in order; a line that fails is answered. */
  async run(): Promise<void> {
    const lines = createInterface({ input: this.options.input, terminal: false });
    this.lines = lines;
    for await (const line of lines) {
      if (this.stopped) break;
      const input = line.trim();
      if (input === "") continue;
      if (/^(quit|exit)$/i.test(input)) break;
      await this.handle(input).catch((error: unknown) => {
        this.services.logger.error({ err: error }, "terminal line failed");
        this.print(apologyFor(error, { kind: "may-be-applied", check: "the lines above" }));
      });
      if (this.stopped) break;
    }
    lines.close();
  }

  /** Reads no further line: the one in hand finishes, then run() returns. */
  stop(): void {
    this.stopped = true;
    this.lines?.close();
  }

  async handle(input: string): Promise<void> {
    // While a drill is open, its words (show, good, a letter, a typed term) go to it.
    const drill = await recordOrSayNot(() => drillLine(this.services, enrolActor(this.services, this.actor), input));
    if (drill) {
      this.print(drill);
      return;
    }
    const choice = /^[a-z]$/i.test(input) ? letterIndex(input) : undefined;
    if (choice !== undefined) {
      this.print(await recordOrSayNot(() => this.answer(choice)));
      return;
    }
    const reply = await handleCommand(this.services, this.actor, input);
    const saved = reply.files ? saveReplyFiles(this.options.filesDir, reply.files) : [];
    this.print(
      saved.length === 0
        ? reply.view
        : { ...reply.view, blocks: [...reply.view.blocks, text(`Saved: ${saved.join("\n")}`)] },
    );
  }

  private answer(choice: number): View {
    const { community, member, now } = enrolActor(this.services, this.actor);
    const outcome = this.services.quizzes.answerInChannel({ community, channelId: CONSOLE_CHANNEL, member, choice });
    return answerAckView(outcome, community.timeZone, now);
  }
}
