-- Why a scheduled post failed (missing permission, deleted channel), shown
-- to admins in `schedule list`: a scheduled post has nobody to reply to.
ALTER TABLE schedule_fires ADD COLUMN problem TEXT;
