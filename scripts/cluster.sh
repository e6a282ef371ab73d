#!/usr/bin/env bash
# The cloud topology on one machine: two MiniTwit instances over one MySQL/MariaDB database
# behind HAProxy, which round-robins without stickiness.
#
#   scripts/cluster.sh up              build the jar if needed, start both instances and the balancer
#   scripts/cluster.sh down            stop everything this script started
#   scripts/cluster.sh status          what is running
#   scripts/cluster.sh stop|start|restart N   one instance (1 or 2): SIGTERM, wait, start, wait ready
#
# The database is the one DB_* names; without DB_HOST, the local MariaDB at 127.0.0.1:3306
# (root, empty password) and its database minitwit_cluster, created if missing.
# Ports: LB_PORT (5000), APP1_PORT (5001), APP2_PORT (5002); APP1_MANAGEMENT_PORT and
# APP2_MANAGEMENT_PORT, when set, move each instance's actuator there (MINITWIT_MANAGEMENT_PORT);
# MINITWIT_LB_RETRIES reaches haproxy.cfg.
# State and logs: target/cluster/.
set -euo pipefail
cd "$(dirname "$0")/.."

LB_PORT=${LB_PORT:-5000}
APP_PORTS=([1]="${APP1_PORT:-5001}" [2]="${APP2_PORT:-5002}")
MANAGEMENT_PORTS=([1]="${APP1_MANAGEMENT_PORT:-}" [2]="${APP2_MANAGEMENT_PORT:-}")
STATE=${CLUSTER_STATE:-target/cluster}
JAR=target/minitwit.jar
READY_TIMEOUT=${READY_TIMEOUT:-90}

if [ -z "${DB_HOST:-}" ]; then
	export DB_HOST=127.0.0.1 DB_PORT=3306 DB_NAME=${DB_NAME:-minitwit_cluster} DB_USER=root DB_PASSWD=
	mysql --protocol=tcp -h "$DB_HOST" -P "$DB_PORT" -u root \
		-e "CREATE DATABASE IF NOT EXISTS \`$DB_NAME\` CHARACTER SET utf8mb4" 2>/dev/null || true
fi

log() { echo "cluster: $*"; }

is_running() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

wait_ready() {
	local url=$1 deadline=$((SECONDS + READY_TIMEOUT))
	until [ "$(curl -s -o /dev/null -w '%{http_code}' "$url")" = 200 ]; do
		if [ $SECONDS -ge $deadline ]; then
			log "$url not ready after ${READY_TIMEOUT}s"
			return 1
		fi
		sleep 0.2
	done
}

start_app() {
	local n=$1 port=${APP_PORTS[$1]}
	if is_running "$STATE/app$n.pid"; then
		log "app$n already running"
		return
	fi
	local management=()
	if [ -n "${MANAGEMENT_PORTS[$n]}" ]; then
		management=("MINITWIT_MANAGEMENT_PORT=${MANAGEMENT_PORTS[$n]}")
	fi
	MINITWIT_INSTANCE_ID="app$n" SERVER_PORT="$port" \
		nohup env "${management[@]}" java -Xms64m -Xmx256m -XX:+UseSerialGC -jar "$JAR" >>"$STATE/app$n.log" 2>&1 &
	echo $! >"$STATE/app$n.pid"
}

wait_app() {
	local started=$SECONDS
	wait_ready "http://127.0.0.1:${APP_PORTS[$1]}/readyz"
	log "app$1 ready on port ${APP_PORTS[$1]} after $((SECONDS - started))s"
}

stop_pid() {
	local pidfile=$1 name=$2
	if is_running "$pidfile"; then
		local pid
		pid=$(cat "$pidfile")
		kill -TERM "$pid"
		# Longer than Spring's graceful-shutdown phase: SIGKILL only for an instance that hangs.
		for _ in $(seq 1 300); do
			kill -0 "$pid" 2>/dev/null || break
			sleep 0.1
		done
		kill -0 "$pid" 2>/dev/null && kill -KILL "$pid"
		log "$name stopped"
	fi
	rm -f "$pidfile"
}

start_lb() {
	command -v haproxy >/dev/null || {
		log "installing haproxy"
		apt-get install -y -qq haproxy >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq haproxy >/dev/null; }
	}
	if is_running "$STATE/lb.pid"; then
		return
	fi
	MINITWIT_LB_BIND=":$LB_PORT" MINITWIT_APP1="127.0.0.1:${APP_PORTS[1]}" MINITWIT_APP2="127.0.0.1:${APP_PORTS[2]}" \
		haproxy -D -p "$STATE/lb.pid" -f deploy/haproxy/haproxy.cfg
	wait_ready "http://127.0.0.1:$LB_PORT/readyz"
	log "load balancer on http://localhost:$LB_PORT"
}

case "${1:-}" in
up)
	mkdir -p "$STATE"
	[ -f "$JAR" ] || ./mvnw -B -q package -DskipTests
	log "database: $DB_NAME at $DB_HOST:${DB_PORT:-3306}"
	# Both at once, as after a deployment: Flyway's lock lets one migrate while the other waits.
	start_app 1
	start_app 2
	wait_app 1
	wait_app 2
	start_lb
	;;
down)
	stop_pid "$STATE/lb.pid" "load balancer"
	stop_pid "$STATE/app1.pid" app1
	stop_pid "$STATE/app2.pid" app2
	;;
stop)
	stop_pid "$STATE/app${2:?instance 1 or 2}.pid" "app$2"
	;;
start)
	start_app "${2:?instance 1 or 2}"
	wait_app "$2"
	;;
restart)
	stop_pid "$STATE/app${2:?instance 1 or 2}.pid" "app$2"
	start_app "$2"
	wait_app "$2"
	;;
status)
	for name in lb app1 app2; do
		if is_running "$STATE/$name.pid"; then echo "$name: running (pid $(cat "$STATE/$name.pid"))"; else echo "$name: stopped"; fi
	done
	;;
*)
	sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//'
	exit 2
	;;
esac
