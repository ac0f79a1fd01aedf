/** How long a channel quiz may stay open, however it is asked for: a `quiz now` window, a schedule's, or QUIZ_WINDOW_MINUTES. */
export const MAX_WINDOW_MINUTES = 7 * 24 * 60;

/**
 * Schedules in one channel, paused ones included (they can be resumed). A
 * channel shows one open quiz at a time (the next post closes it), so a
 * handful of schedules cover every real timetable (a morning and an evening
 * quiz on weekdays, another at the weekend); ten leave room to spare, while
 * 1,000 copies of "* * * * *" would post 1,000 quizzes in one minute.
 */
export const MAX_SCHEDULES_PER_CHANNEL = 10;

/**
 * Schedules in one community (server or workspace): ten full channels. Every
 * schedule is a timer in the one process that serves every community, so one
 * community's admin must not be able to add an unbounded number of them.
 */
export const MAX_SCHEDULES_PER_COMMUNITY = 100;
