import { COMMAND_SPECS } from "../../core/grammar.js";
import { helpView } from "../../core/helpView.js";
import type { CommandHandler } from "./types.js";
import { privateReply } from "../ports.js";

export const help: CommandHandler<"help"> = {
  names: ["help"],
  run({ actor }, command) {
    return privateReply(helpView(COMMAND_SPECS, { topic: command.topic, isAdmin: actor.isAdmin }));
  },
};
