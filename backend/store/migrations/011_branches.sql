-- Messages form a tree: each follows its parent, so regenerating an answer
-- or editing a message adds a sibling and keeps the old branch. Existing
-- conversations were linear, except that a retried answer followed the
-- answer it replaced: an answer's parent is the user message before it, any
-- other message's parent the message just before it.
ALTER TABLE messages ADD COLUMN parent_id TEXT NOT NULL DEFAULT '';
UPDATE messages SET parent_id = COALESCE((
    SELECT p.id FROM messages p
    WHERE p.conversation_id = messages.conversation_id AND p.seq < messages.seq
      AND (messages.role <> 'assistant' OR p.role = 'user')
    ORDER BY p.seq DESC LIMIT 1), '');
CREATE INDEX messages_by_parent ON messages(conversation_id, parent_id);

-- The branch shown (and sent as history) is the path from the root to the
-- conversation's head; without a row, the newest message is the head.
CREATE TABLE conversation_heads (
    conversation_id TEXT PRIMARY KEY REFERENCES conversations(id) ON DELETE CASCADE,
    head_id         TEXT NOT NULL
);
