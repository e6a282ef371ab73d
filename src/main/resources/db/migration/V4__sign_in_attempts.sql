-- Failed sign-ins, counted per username and per client address in a fixed window (SignInThrottle).
-- In the shared database, so that spreading guesses over several instances gains an attacker nothing.
-- attempt_key is the SHA-256 (hex) of what is counted, never the typed text: a password typed into
-- the username field by mistake must not be stored.
CREATE TABLE sign_in_attempts (
    attempt_key  CHAR(64) NOT NULL PRIMARY KEY,
    -- epoch milliseconds of the window's first failure; the window ends SignInThrottle.WINDOW later
    window_start BIGINT   NOT NULL,
    failures     INT      NOT NULL
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- Expired windows are deleted by their start.
CREATE INDEX ix_sign_in_attempts_window ON sign_in_attempts (window_start);
