import { COMMAND_SPECS } from "../../core/grammar.js";
import { helpView } from "../../core/helpView.js";
import { textsFor } from "../../core/i18n/catalogues.js";
import { privateReply } from "../ports.js";
import type { CommandHandler } from "./types.js";

export const help: CommandHandler<"help"> = {
  names: ["help"],
  run({ actor }, command) {
    const texts = textsFor(actor.locale);
    return privateReply(helpView(COMMAND_SPECS, { topic: command.topic, isAdmin: actor.isAdmin, texts }));
  },
};
