-- The last `latest` value the simulator API received (LatestRepository): at most one row, id 1,
-- in the shared database, so that every instance answers /api/latest alike. No row: none
-- received yet (-1), which is also what initdb's empty schema says.
CREATE TABLE latest (
    id     INT    NOT NULL PRIMARY KEY,
    latest BIGINT NOT NULL
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
