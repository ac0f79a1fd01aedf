import type { CommandHandler } from "./types.js";
import { privateReply } from "../ports.js";

/** `drill [deck] [count] [flip|choice|type]`: always private, it is one person's review. */
export const drill: CommandHandler<"drill"> = {
  names: ["drill"],
  run(ctx, command) {
    const { deck, count, mode } = command;
    return privateReply(ctx.services.drills.start(ctx, { deck, count, mode }));
  },
};
