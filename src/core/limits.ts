/** How long a channel quiz may stay open, however it is asked for: a `quiz now` window, a schedule's, or QUIZ_WINDOW_MINUTES. */
export const MAX_WINDOW_MINUTES = 7 * 24 * 60;
