-- history_version counts the changes to messages already written that a
-- turn may have read as history: the text, role, parent or status of a
-- message rewritten once it is no longer streaming (Continue, a restore),
-- and every message deleted. A new message and the growing text of a
-- streaming answer do not count: they change nothing a turn read before.
-- backend/chat keeps the history a turn sent in memory for the next turn
-- while the count is the same, in this process or any other on this file
-- (the triggers are in the schema, so every write counts, whoever makes
-- it). Backups leave the table out, so a restore never winds it back.
CREATE TABLE history_version (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    n  INTEGER NOT NULL
);
INSERT INTO history_version (id, n) VALUES (1, 0);

CREATE TRIGGER history_version_on_update AFTER UPDATE OF content, role, parent_id, conversation_id, status ON messages
WHEN OLD.status != 'streaming' BEGIN
    UPDATE history_version SET n = n + 1 WHERE id = 1;
END;

CREATE TRIGGER history_version_on_delete AFTER DELETE ON messages BEGIN
    UPDATE history_version SET n = n + 1 WHERE id = 1;
END;
