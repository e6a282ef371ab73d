-- Table options are MySQL's; H2 in MySQL mode accepts and ignores them. utf8mb4 stores any script and
-- emoji; the binary collation keeps comparisons exact (case folding is done by username_key).
-- Column sizes are in characters and twice the application's limits: H2 counts UTF-16 code units,
-- the application counts code points, so an emoji-only message of the maximum length still fits.
CREATE TABLE users (
    user_id      BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    username     VARCHAR(128) NOT NULL,
    -- lower-cased username: the unique index makes names differing only in case one name
    username_key VARCHAR(128) NOT NULL,
    email        VARCHAR(508) NOT NULL,
    pw_hash      VARCHAR(255) NOT NULL,
    CONSTRAINT ux_users_username_key UNIQUE (username_key)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE follower (
    who_id  BIGINT NOT NULL,
    whom_id BIGINT NOT NULL,
    PRIMARY KEY (who_id, whom_id),
    CONSTRAINT fk_follower_who FOREIGN KEY (who_id) REFERENCES users (user_id) ON DELETE CASCADE,
    CONSTRAINT fk_follower_whom FOREIGN KEY (whom_id) REFERENCES users (user_id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE message (
    message_id BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
    author_id  BIGINT        NOT NULL,
    text       VARCHAR(2000) NOT NULL,
    pub_date   BIGINT        NOT NULL,
    flagged    TINYINT       NOT NULL DEFAULT 0,
    CONSTRAINT fk_message_author FOREIGN KEY (author_id) REFERENCES users (user_id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- Timelines read newest first, (pub_date, message_id) descending, after a cursor; each index
-- serves one timeline so a page reads one page of index entries.
CREATE INDEX ix_message_public ON message (flagged, pub_date, message_id);
CREATE INDEX ix_message_author ON message (author_id, flagged, pub_date, message_id);
