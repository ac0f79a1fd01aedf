import { FakeSlack, type SlackBlock, type StoredMessage } from "../../test/slack/fakeSlack.js";
import { ACK_WINDOW_MS, CLICKS_PER_TURN, nextTurn } from "./interactions.js";

export interface ClickBurstArgs {
  /** The app's Events API URL. */
  url: string;
  message: Omit<StoredMessage, "reactions">;
  userIds: string[];
}

function answerButtons(blocks: readonly SlackBlock[]) {
  return blocks.flatMap((block) =>
    block.type === "actions"
      ? (block.elements ?? []).map((element) => ({
          blockId: block.block_id ?? "actions",
          actionId: element.action_id ?? "",
          value: element.value ?? "",
          text: element.text?.text ?? "",
        }))
      : [],
  );
}

/**
 * Each user clicks one of the message's buttons, as signed HTTP requests to
 * the app, from a process of its own: the fake Slack that serves the app's
 * Web API calls (users.info, chat.postEphemeral) lives elsewhere, so serving
 * them does not delay reading the acknowledgements. For each click, the
 * milliseconds until the app acknowledged it, or null if it did not within 3 s.
 */
export async function clickBurst({ url, message, userIds }: ClickBurstArgs): Promise<(number | null)[]> {
  const sender = await FakeSlack.start();
  sender.messages.set(`${message.channel}/${message.ts}`, { ...message, reactions: new Map() });
  sender.deliverOverHttp(url);
  const buttons = answerButtons(message.blocks);
  const clicked: Promise<number | null>[] = [];
  for (const [index, user] of userIds.entries()) {
    const button = buttons[index % buttons.length] as (typeof buttons)[number];
    const sent = performance.now();
    clicked.push(
      sender.sendBlockAction({ ...button, channel: message.channel, messageTs: message.ts, user }).then(
        (delivery) => {
          const latency = performance.now() - sent;
          return delivery.status === 200 && latency <= ACK_WINDOW_MS ? latency : null;
        },
        () => null,
      ),
    );
    if (index % CLICKS_PER_TURN === CLICKS_PER_TURN - 1) await nextTurn();
  }
  const latencies = await Promise.all(clicked);
  await sender.close();
  return latencies;
}
