-- Providers keep the order the user gives them in Settings: positions are
-- made distinct (1, 2, … in the order shown so far), so moving one profile
-- never ties with another.
UPDATE profiles SET position = (
    SELECT COUNT(*) FROM profiles AS o
    WHERE o.position < profiles.position
       OR (o.position = profiles.position AND o.created_at < profiles.created_at)
       OR (o.position = profiles.position AND o.created_at = profiles.created_at AND o.id <= profiles.id)
);

-- A profile's own network settings (its proxy) live in the settings table
-- under network.proxy.<profile id>, and go with the profile.
CREATE TRIGGER settings_of_profile AFTER DELETE ON profiles
BEGIN DELETE FROM settings WHERE key = 'network.proxy.' || old.id; END;
