/**
 * The command grammar's public face; its parts live in ./grammar/: tokens,
 * argument values, options recognised by shape, argument kinds, the command
 * table (the only description of a command) and the parser.
 */
export type { ArgInput, ArgKind } from "./grammar/arguments.js";
export type { Parsed } from "./grammar/parsed.js";
export { parseCommand } from "./grammar/parser.js";
export { checkReason } from "./grammar/reason.js";
export type { CommandArg, CommandEntry, CommandSpec } from "./grammar/spec.js";
export { commandText, defineCommands, ownWord } from "./grammar/spec.js";
export {
  COMMAND_ENTRIES,
  COMMAND_GROUPS,
  COMMAND_SPECS,
  commandWords,
  isAdminOnly,
  isPersonal,
} from "./grammar/table.js";
export { formatWindow, parseWindow } from "./grammar/values.js";
