-- Names that read alike are one name (Usernames.lookAlikeKey): the SHA-256 (hex) of the name's UTS #39
-- skeleton, unique. No SQL can compute a skeleton, so the column starts empty and the application fills
-- it in for the rows already there when it starts (UsernameSkeletons). Look-alike names registered
-- before this rule both stay: the older user's row gets the key, the later one keeps NULL (a unique
-- index allows any number of NULLs), and the clash is logged. Nothing here can fail on existing rows.
ALTER TABLE users ADD COLUMN username_skeleton CHAR(64) NULL;

CREATE UNIQUE INDEX ux_users_username_skeleton ON users (username_skeleton);
