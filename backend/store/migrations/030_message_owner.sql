-- The Parley process streaming an answer: the token of its owner lock file
-- (see owners.go). Only answers whose owner has gone are marked interrupted,
-- so a window starting never relabels another window's live answer. Empty
-- for answers streamed before this column existed.
ALTER TABLE messages ADD COLUMN owner TEXT NOT NULL DEFAULT '';
CREATE INDEX messages_streaming ON messages(owner) WHERE status = 'streaming';
