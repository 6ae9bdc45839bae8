-- Each profile's network waits, in milliseconds; 0 takes Parley's default
-- (connect 10 s, first byte 120 s, idle 60 s).
ALTER TABLE profiles ADD COLUMN connect_timeout_ms INTEGER NOT NULL DEFAULT 0;
ALTER TABLE profiles ADD COLUMN first_byte_timeout_ms INTEGER NOT NULL DEFAULT 0;
ALTER TABLE profiles ADD COLUMN idle_timeout_ms INTEGER NOT NULL DEFAULT 0;
