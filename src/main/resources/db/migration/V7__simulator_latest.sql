-- The last `latest` value the simulator API received (LatestRepository): one row, in the shared
-- database, so that every instance answers /api/latest alike. -1 until a value arrives.
CREATE TABLE latest (
    id     INT    NOT NULL PRIMARY KEY,
    latest BIGINT NOT NULL
) ENGINE = InnoDB;

INSERT INTO latest (id, latest) VALUES (1, -1);
