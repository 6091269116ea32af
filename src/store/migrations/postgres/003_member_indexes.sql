-- Field values by membership: `users show` reads them, and removing a member cascades
-- through them (groups and sites have theirs since 002).
CREATE INDEX user_field_values_membership ON user_field_values (membership_id);
