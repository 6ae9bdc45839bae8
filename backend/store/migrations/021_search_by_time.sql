-- A search answered by a scan (words under three characters) lists the
-- newest matches first and stops at a page of them.
CREATE INDEX messages_by_time ON messages(created_at);
