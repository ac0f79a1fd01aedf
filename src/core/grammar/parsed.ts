import { clip } from "../clip.js";

/** A checked value, or a sentence for the user saying what is wrong. */
export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

export const ok = <T>(value: T): { ok: true; value: T } => ({ ok: true, value });
export const fail = (error: string): { ok: false; error: string } => ({ ok: false, error });

/** Keeps error messages readable when someone pastes a page into the command box. */
export function show(text: string): string {
  return clip(text, 40);
}
