import { commandLikeAnswerNote } from "../core/drillViews.js";
import { readDrillLine } from "../core/drillSession.js";
import { parseCommand } from "../core/grammar.js";
import type { View } from "../core/views.js";
import type { DrillCaller } from "./drillService.js";
import type { Services } from "./services.js";

/**
 * A line typed where the learner has an open drill (the terminal): the
 * drill's view when the line is meant for it, undefined when it is a command
 * or a quiz answer. A typed answer that starts like a command whose arguments
 * were refused is graded as the answer it may be, and says so.
 */
export function drillLine(services: Services, caller: DrillCaller, line: string): View | undefined {
  const session = services.store.drills.openSession(caller.member.id);
  if (!session) return undefined;
  const parsed = parseCommand(line);
  const input = readDrillLine(line, session, () => parsed.ok);
  if (!input) return undefined;
  const claim = { sessionId: session.id, nonce: session.nonce, position: session.position };
  if (input.op !== "answer") return services.drills.act(caller, { kind: "drill", ...claim, step: input });
  const graded = services.drills.answerTyped(caller, claim, input.text);
  if (parsed.ok || parsed.commandWord === undefined) return graded;
  return { ...graded, blocks: [...graded.blocks, commandLikeAnswerNote(parsed.commandWord, parsed.error)] };
}
