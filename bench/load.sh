#!/usr/bin/env bash
# Fills a MiniTwit database with generated users, follows and messages, in SQL on the server
# (INSERT ... SELECT over a numbers table), so a million messages load in about a minute.
#
#   bench/load.sh S|L|XL
#
#   S   1,000 users     10,000 messages
#   L  10,000 users  1,000,000 messages
#   XL 100,000 users 10,000,000 messages
#
# Every user follows 50 others: 10 draws weighted like the authors (so most follow the most
# prolific author) and the rest spread evenly. Authors are Zipf-distributed (s = 1): user1 writes
# about 1/H(N) of everything (~100k messages on L), user2 half as much, and so on. Messages are
# spread evenly over the year before the load, ids in time order as a live site has them; one in
# 200 is flagged. The data is the same on every run and on MySQL 8 and MariaDB alike.
#
# The schema must exist (the app's Flyway creates it: start the jar, or run it with `initdb`).
# Existing users, messages, follows and sessions are deleted. Every user gets the password hash in
# PW_HASH (run.sh registers a user through the app to get one), so any user can sign in with the
# password in PASSWORD, which is kept with the data (bench_info) for the runs that reuse it.
# Database: DB_HOST, DB_PORT, DB_NAME, DB_USER, DB_PASSWD (default: root on 127.0.0.1:3306).
set -euo pipefail

size=${1:?usage: bench/load.sh S|L|XL}
case $size in
	S) users=1000 messages=10000 ;;
	L) users=10000 messages=1000000 ;;
	XL) users=100000 messages=10000000 ;;
	*) echo "usage: bench/load.sh S|L|XL" >&2; exit 2 ;;
esac
: "${PW_HASH:?PW_HASH must hold a password hash of the app, e.g. {argon2}\$argon2id\$...}"
: "${PASSWORD:?PASSWORD must hold the password that PW_HASH is a hash of}"
: "${DB_NAME:?DB_NAME must name the database to fill}"

sql() {
	MYSQL_PWD=${DB_PASSWD:-} mysql --protocol=tcp -h "${DB_HOST:-127.0.0.1}" -P "${DB_PORT:-3306}" \
		-u "${DB_USER:-root}" -N -B "$DB_NAME" "$@"
}
# A value as an SQL string literal.
sql_string() { printf "'%s'" "$(printf %s "$1" | sed "s/'/''/g")"; }

# Inserted in chunks: one transaction per chunk keeps the undo log and lock memory small.
chunk=200000
started=$SECONDS
log() { echo "load: [$((SECONDS - started))s] $*"; }

log "$size: $users users, $messages messages into $DB_NAME"
sql <<SQL
SET SESSION foreign_key_checks = 0, unique_checks = 0;
TRUNCATE TABLE SPRING_SESSION_ATTRIBUTES;
TRUNCATE TABLE SPRING_SESSION;
TRUNCATE TABLE message;
TRUNCATE TABLE follower;
TRUNCATE TABLE users;
DROP TABLE IF EXISTS bench_info, bench_digit, bench_seq, bench_rank, bench_zipf, bench_candidate;

CREATE TABLE bench_digit (d INT NOT NULL PRIMARY KEY);
INSERT INTO bench_digit VALUES (0), (1), (2), (3), (4), (5), (6), (7), (8), (9);
-- 0 .. 999,999: enough for the largest author's share and for one chunk of messages.
CREATE TABLE bench_seq (n INT NOT NULL PRIMARY KEY);
INSERT INTO bench_seq
SELECT a.d + 10 * b.d + 100 * c.d + 1000 * e.d + 10000 * f.d + 100000 * g.d
FROM bench_digit a, bench_digit b, bench_digit c, bench_digit e, bench_digit f, bench_digit g;
SQL
log "numbers table ready"

sql <<SQL
SET SESSION foreign_key_checks = 0, unique_checks = 0;
SET @users = $users, @pw = $(sql_string "$PW_HASH");
INSERT INTO users (user_id, username, username_key, email, pw_hash)
SELECT n + 1, CONCAT('user', n + 1), CONCAT('user', n + 1), CONCAT('user', n + 1, '@example.org'), @pw
FROM bench_seq WHERE n < @users;

-- Zipf over the users: user k owns about 1,000,000 / (k * H(N)) consecutive slots; a message's
-- author is the owner of the slot its number hashes to.
SET @h = (SELECT SUM(1e0 / (n + 1)) FROM bench_seq WHERE n < @users);
CREATE TABLE bench_rank (user_id INT NOT NULL PRIMARY KEY, first_slot INT NOT NULL, slots INT NOT NULL);
INSERT INTO bench_rank
SELECT user_id, SUM(slots) OVER (ORDER BY user_id) - slots, slots
FROM (SELECT n + 1 AS user_id, GREATEST(1, ROUND(1e6 / ((n + 1) * @h))) AS slots FROM bench_seq WHERE n < @users) r;
CREATE TABLE bench_zipf (slot INT NOT NULL PRIMARY KEY, user_id INT NOT NULL);
INSERT INTO bench_zipf
SELECT STRAIGHT_JOIN r.first_slot + s.n, r.user_id FROM bench_rank r JOIN bench_seq s ON s.n < r.slots;
SQL
log "users and author weights ready"

slots=$(sql -e "SELECT COUNT(*) FROM bench_zipf")
# Knuth's multiplicative hash spreads consecutive message numbers over the slots.
hash="((%s) * 2654435761) %% $slots"
t_end=$(sql -e "SELECT UNIX_TIMESTAMP()")
for ((offset = 0; offset < messages; offset += chunk)); do
	n="(s.n + $offset)"
	sql <<SQL
SET SESSION foreign_key_checks = 0, unique_checks = 0;
SET @lorem = 'Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore et dolore magna aliqua. Ut enim ad minim veniam, quis nostrud exercitation ullamco laboris nisi ut aliquip ex ea commodo consequat. Duis aute irure dolor in reprehenderit in voluptate velit esse cillum dolore eu fugiat nulla pariatur.';
INSERT INTO message (author_id, text, pub_date, flagged)
SELECT STRAIGHT_JOIN z.user_id,
	CONCAT('Message ', $n + 1, ': ', SUBSTRING(@lorem, 1 + $n * 7 % 150, 10 + $n * 13 % 130)),
	$t_end - 31536000 + FLOOR($n * 31536000 / $messages),
	IF($n % 200 = 199, 1, 0)
FROM bench_seq s JOIN bench_zipf z ON z.slot = $(printf "$hash" "$n")
WHERE s.n < LEAST($chunk, $messages - $offset)
ORDER BY s.n;
SQL
	log "messages: $((offset + chunk < messages ? offset + chunk : messages))"
done

sql <<SQL
SET SESSION foreign_key_checks = 0, unique_checks = 0;
SET @users = $users;
-- 80 candidates a user, numbered j: 10 weighted like the authors, 70 spread evenly; the first
-- 50 distinct ones that are not the user are followed.
CREATE TABLE bench_candidate (who INT NOT NULL, j INT NOT NULL, whom INT NOT NULL);
INSERT INTO bench_candidate
SELECT STRAIGHT_JOIN u.n + 1, j.n, IF(j.n < 10, z.user_id, CRC32(CONCAT('f', u.n, '/', j.n)) % @users + 1)
FROM bench_seq u
JOIN bench_seq j ON j.n < 80
LEFT JOIN bench_zipf z ON j.n < 10 AND z.slot = CRC32(CONCAT('z', u.n, '/', j.n)) % $slots
WHERE u.n < @users;
INSERT INTO follower (who_id, whom_id)
SELECT who, whom FROM (
	SELECT who, whom, ROW_NUMBER() OVER (PARTITION BY who ORDER BY MIN(j)) AS pick
	FROM bench_candidate WHERE whom <> who GROUP BY who, whom) c
WHERE pick <= 50;

DROP TABLE bench_digit, bench_seq, bench_rank, bench_zipf, bench_candidate;
SQL
log "follows ready"
# Fresh statistics, as a live database would have them; the optimizer's plans depend on them.
sql -e "ANALYZE TABLE users, follower, message" >/dev/null
if [ "$(sql -e "SELECT COUNT(*) FROM (SELECT who_id FROM follower GROUP BY who_id HAVING COUNT(*) = 50) f")" != "$users" ]; then
	echo "load: not every user follows 50 others" >&2
	exit 1
fi
sql -e "SELECT CONCAT('load: users ', (SELECT COUNT(*) FROM users), ', messages ', (SELECT COUNT(*) FROM message),
	', follows ', (SELECT COUNT(*) FROM follower), ', user1 wrote ', (SELECT COUNT(*) FROM message WHERE author_id = 1),
	', user1 followed by ', (SELECT COUNT(*) FROM follower WHERE whom_id = 1))"
# Marks the data complete: run.sh loads again unless this names the size asked for.
sql -e "CREATE TABLE bench_info (size VARCHAR(8) NOT NULL, users INT NOT NULL, messages INT NOT NULL, loaded_at BIGINT NOT NULL,
		password VARCHAR(128) NOT NULL);
	INSERT INTO bench_info VALUES ('$size', $users, $messages, UNIX_TIMESTAMP(), $(sql_string "$PASSWORD"))"
log "done"
