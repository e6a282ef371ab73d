#!/usr/bin/env bash
# Reads on a read replica, measured: a MariaDB primary and a GTID replica of it, both of this
# script's own (the server binary, free ports, data under target/bench/replica/, removed at the
# end), then bench/run.sh's mixed load A/B on that primary: A without a replica, B reading from it
# (DB_READ_HOST). The results file says, per request, what the primary still serves (database CPU
# and questions in the run, statements per page) with and without the replica.
#
#   bench/replica.sh [S|L]       (S by default)
#
# Settings: MARIADBD (/usr/sbin/mariadbd), BUFFER_POOL (256M); any of bench/run.sh's settings but
# the database's (ONLY defaults to mixed, STARTUP_TRIALS to 1, BENCH_LABEL to replica).
set -euo pipefail
cd "$(dirname "$0")/.."

size=${1:-S}
server=${MARIADBD:-/usr/sbin/mariadbd}
work=$PWD/target/bench/replica
[ -x "$server" ] || { echo "bench: $server is missing (apt-get install mariadb-server)" >&2; exit 1; }
installer=$(command -v mariadb-install-db || command -v mysql_install_db)
as_root=()
[ "$(id -u)" != 0 ] || as_root=(--user=root)

log() { echo "bench: $*" >&2; }
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
on() { local port=$1; shift; mysql --protocol=tcp -h 127.0.0.1 -P "$port" -u root -N -B "$@"; }

declare -A port
stop_servers() {
	for name in primary replica; do
		[ ! -f "$work/$name/pid" ] || kill -KILL "$(cat "$work/$name/pid")" 2>/dev/null || true
	done
	rm -rf "$work"
}
trap stop_servers EXIT

# The benchmark's app counts its statements through USER_STATISTICS (userstat), on both servers.
start_server() {
	local name=$1 id=$2 dir=$work/$1
	port[$name]=$(free_port)
	mkdir -p "$dir"
	"$installer" --no-defaults --datadir="$dir/data" --auth-root-authentication-method=normal --skip-test-db \
		"${as_root[@]}" >"$dir/install.log" 2>&1
	"$server" --no-defaults --datadir="$dir/data" --port="${port[$name]}" --socket="$dir/mariadb.sock" \
		--bind-address=127.0.0.1 --pid-file="$dir/mariadb.pid" --log-error="$dir/error.log" --skip-name-resolve \
		--character-set-server=utf8mb4 --max-connections=300 --innodb-buffer-pool-size="${BUFFER_POOL:-256M}" \
		--server-id="$id" --log-bin=binlog --binlog-format=ROW --userstat=1 "${as_root[@]}" >"$dir/stdout.log" 2>&1 &
	echo $! >"$dir/pid"
	for _ in $(seq 1 600); do
		on "${port[$name]}" -e "SELECT 1" >/dev/null 2>&1 && return
		sleep 0.1
	done
	log "$name did not start: $(tail -5 "$dir/error.log")"
	exit 1
}

rm -rf "$work"
start_server primary 1
start_server replica 2
on "${port[replica]}" -e "CHANGE MASTER TO MASTER_HOST='127.0.0.1', MASTER_PORT=${port[primary]}, MASTER_USER='root',
	MASTER_PASSWORD='', MASTER_USE_GTID=slave_pos, MASTER_CONNECT_RETRY=1; START SLAVE"
# run.sh's app user, made here first so that it may also read the replica's status, which decides
# whether reads go there; created on the primary, it reaches the replica by replication, and so
# does the password run.sh gives it.
on "${port[primary]}" -e "CREATE USER 'minitwit_bench_app'@'%';
	GRANT SLAVE MONITOR ON *.* TO 'minitwit_bench_app'@'%'"
log "primary on ${port[primary]}, replica on ${port[replica]}"

DB_HOST=127.0.0.1 DB_PORT=${port[primary]} DB_USER=root DB_PASSWD='' \
	ONLY=${ONLY:-mixed} STARTUP_TRIALS=${STARTUP_TRIALS:-1} BENCH_LABEL=${BENCH_LABEL:-replica} \
	APP_ARGS_B="--db.read.host=127.0.0.1 --db.read.port=${port[replica]}" \
	bench/run.sh "$size"

# With its column names: -N would leave only the values of the vertical output.
status=$(mysql --protocol=tcp -h 127.0.0.1 -P "${port[replica]}" -u root -e "SHOW REPLICA STATUS\G" |
	grep -E "Slave_(IO|SQL)_Running:|Seconds_Behind_Master" | tr -s ' ' | paste -sd' ' || true)
log "replica at the end: $status"
on "${port[replica]}" -e "SELECT CONCAT('replica served the app ', SELECT_COMMANDS, ' selects, ', ROUND(CPU_TIME, 1), ' s of CPU')
	FROM information_schema.USER_STATISTICS WHERE USER = 'minitwit_bench_app'" >&2
