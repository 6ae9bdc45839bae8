-- Stop asked for in one window for an answer streaming in another: the
-- owning process takes the request when it next sees the database change.
CREATE TABLE stop_requests (
    message_id   TEXT PRIMARY KEY REFERENCES messages(id) ON DELETE CASCADE,
    requested_at INTEGER NOT NULL
);
