-- Pinned conversations stay on top of the list; import_source names where an
-- imported conversation came from ("nextchat:<id>"), so importing the same
-- file twice adds nothing the second time.
ALTER TABLE conversations ADD COLUMN pinned INTEGER NOT NULL DEFAULT 0;
ALTER TABLE conversations ADD COLUMN import_source TEXT NOT NULL DEFAULT '';
CREATE UNIQUE INDEX conversations_by_import_source ON conversations(import_source) WHERE import_source != '';

-- Full-text search over every message. The trigram tokenizer finds any
-- substring of three characters or more, in any script (English words and
-- prefixes, Chinese without word breaks); shorter queries (密钥, 钥) are
-- answered by a LIKE scan in search.go. message_search keeps its own copy of
-- the text, keyed by message_search_keys.n: a stable integer per message
-- (messages has a text key, and its implicit rowid may change on VACUUM).
CREATE TABLE message_search_keys (
    n          INTEGER PRIMARY KEY,
    message_id TEXT NOT NULL UNIQUE
);
CREATE VIRTUAL TABLE message_search USING fts5(content, tokenize = 'trigram');

INSERT INTO message_search_keys (message_id) SELECT id FROM messages ORDER BY conversation_id, seq;
INSERT INTO message_search (rowid, content)
    SELECT k.n, m.content FROM messages m JOIN message_search_keys k ON k.message_id = m.id;

CREATE TRIGGER messages_search_insert AFTER INSERT ON messages BEGIN
    INSERT INTO message_search_keys (message_id) VALUES (new.id);
    INSERT INTO message_search (rowid, content)
        VALUES ((SELECT n FROM message_search_keys WHERE message_id = new.id), new.content);
END;

CREATE TRIGGER messages_search_update AFTER UPDATE OF content ON messages
WHEN old.content IS NOT new.content BEGIN
    UPDATE message_search SET content = new.content
        WHERE rowid = (SELECT n FROM message_search_keys WHERE message_id = new.id);
END;

CREATE TRIGGER messages_search_delete AFTER DELETE ON messages BEGIN
    DELETE FROM message_search WHERE rowid = (SELECT n FROM message_search_keys WHERE message_id = old.id);
    DELETE FROM message_search_keys WHERE message_id = old.id;
END;

