-- Providers keep the order the user gives them in Settings: positions are
-- made distinct (1, 2, … in the order shown so far), so moving one profile
-- never ties with another. The order is taken before any row changes.
CREATE TEMP TABLE profile_order AS
    SELECT id, ROW_NUMBER() OVER (ORDER BY position, created_at, id) AS n FROM profiles;
UPDATE profiles SET position = (SELECT n FROM profile_order WHERE profile_order.id = profiles.id);
DROP TABLE profile_order;

-- A profile's own network settings (its proxy) live in the settings table
-- under network.proxy.<profile id>, and go with the profile.
CREATE TRIGGER settings_of_profile AFTER DELETE ON profiles
BEGIN DELETE FROM settings WHERE key = 'network.proxy.' || old.id; END;
