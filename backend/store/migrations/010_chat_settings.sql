-- A conversation's own settings (model, system prompt, sampling and
-- reasoning parameters) as JSON; no row means the profile's defaults.
CREATE TABLE chat_settings (
    conversation_id TEXT PRIMARY KEY REFERENCES conversations(id) ON DELETE CASCADE,
    settings        TEXT NOT NULL
);
