import { echoed } from "../clip.js";

/**
 * How the grammar's sentences show a person's own words: in double quotes,
 * clipped by core's echo rule, so a pasted page stays one readable line.
 */
export const quoted = (text: string): string => `"${echoed(text)}"`;

/** Words a person gave twice where one is wanted, listed as typed: "30m and 2h". */
export const bothGiven = (earlier: string, later: string): string => `${echoed(earlier)} and ${echoed(later)}`;
