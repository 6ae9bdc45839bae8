-- What the user has typed and not sent, per conversation (owner is the
-- conversation's id, or the profile's id for a conversation not started yet).
CREATE TABLE drafts (
    owner      TEXT PRIMARY KEY,
    text       TEXT NOT NULL,
    updated_at INTEGER NOT NULL
);
CREATE TRIGGER drafts_of_conversation AFTER DELETE ON conversations
BEGIN DELETE FROM drafts WHERE owner = old.id; END;
CREATE TRIGGER drafts_of_profile AFTER DELETE ON profiles
BEGIN DELETE FROM drafts WHERE owner = old.id; END;

-- Settings: one value (text, often JSON) per key; see store/settings.go.
CREATE TABLE settings (
    key        TEXT PRIMARY KEY,
    value      TEXT NOT NULL,
    updated_at INTEGER NOT NULL
);
