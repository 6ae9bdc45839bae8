-- How long the model reasoned before answering, in milliseconds (0 when it
-- did not reason, or the time is unknown).
ALTER TABLE messages ADD COLUMN reasoning_ms INTEGER NOT NULL DEFAULT 0;
