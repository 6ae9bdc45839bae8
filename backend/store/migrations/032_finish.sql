-- Why an answer ended, as the provider said it in neutral words ("stop",
-- "length" when the token limit cut it, ...), so a cut answer is still
-- shown as cut after a restart. Empty for messages stored before.
ALTER TABLE messages ADD COLUMN finish TEXT NOT NULL DEFAULT '';
