-- `thread`: each quiz of the schedule gets a discussion thread, where its
-- results are posted too. `ping`: the platform id of the one role (Discord)
-- or user group (Slack) its posts mention, checked when it was added, and the
-- name `schedule list` shows for it.
ALTER TABLE schedules ADD COLUMN thread INTEGER NOT NULL DEFAULT 0;
ALTER TABLE schedules ADD COLUMN ping_id TEXT;
ALTER TABLE schedules ADD COLUMN ping_label TEXT;

-- The quiz's discussion thread (Discord: the thread channel; Slack: the
-- quiz message's ts), so its results find it after a restart.
ALTER TABLE quizzes ADD COLUMN thread_id TEXT;
