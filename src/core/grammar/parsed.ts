/** A checked value, or a sentence for the user saying what is wrong. */
export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

export const ok = <T>(value: T): { ok: true; value: T } => ({ ok: true, value });
export const fail = (error: string): { ok: false; error: string } => ({ ok: false, error });
