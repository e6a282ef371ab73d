#!/usr/bin/env bash
# The MiniTwit benchmark in one command: starts the jar against a database of its own, loads the
# data if it is not there yet, runs wrk on each page, counts database statements per request and
# the app's memory, and writes bench/results/<size>-<date>.md.
#
#   bench/run.sh S|L|XL
#
# See bench/README.md for what is measured and how. Settings (environment):
#   DB_HOST DB_PORT DB_USER DB_PASSWD   the MySQL/MariaDB server (default root@127.0.0.1:3306, no password)
#   DB_NAME            database (default minitwit_bench_<size>; created if missing, and all its
#                      MiniTwit tables are overwritten by the load)
#   BENCH_PORT         the app's HTTP port (5080)
#   JAVA_OPTS          the app's JVM options (the heap settings README.md recommends)
#   APP_ARGS           extra --spring.property=value arguments for the app
#   DURATION WARMUP THREADS CONNECTIONS   wrk settings (30s, 5s, 2, 32)
#   APP_WARMUP         load on each page once after start-up, before any run (10s)
#   STATEMENT_REQUESTS requests per statement count (1000)
#   BENCH_LABEL        appended to the results file name (e.g. "before")
#   ONLY               a space-separated subset of the runs: public public2 user home mixed
#   BENCH_JAR          the jar to run (target/minitwit.jar)
#   KEEP_APP=1         leave the app running at the end (its pid is in target/bench/app.pid)
set -euo pipefail
cd "$(dirname "$0")/.."

size=${1:-}
case $size in
	S | L | XL) ;;
	*) echo "usage: bench/run.sh S|L|XL" >&2; exit 2 ;;
esac
lower=$(tr '[:upper:]' '[:lower:]' <<<"$size")

export DB_HOST=${DB_HOST:-127.0.0.1} DB_PORT=${DB_PORT:-3306} DB_USER=${DB_USER:-root} DB_PASSWD=${DB_PASSWD-}
export DB_NAME=${DB_NAME:-minitwit_bench_$lower}
port=${BENCH_PORT:-5080}
base=http://127.0.0.1:$port
java_opts=${JAVA_OPTS:--Xms128m -Xmx128m -XX:+UseSerialGC -XX:ReservedCodeCacheSize=64m -Xss512k -XX:+AlwaysPreTouch}
app_args=${APP_ARGS:-}
duration=${DURATION:-30s}
warmup=${WARMUP:-5s}
app_warmup=${APP_WARMUP:-10s}
threads=${THREADS:-2}
connections=${CONNECTIONS:-32}
statement_requests=${STATEMENT_REQUESTS:-1000}
runs=${ONLY:-public user home public2 mixed}
password=${BENCH_PASSWORD:-bench-password}
user_page=${BENCH_USER_PAGE:-/user1}
jar=${BENCH_JAR:-target/minitwit.jar}
work=target/bench
results=bench/results/$size-$(date -u +%F)${BENCH_LABEL:+-$BENCH_LABEL}.md
export BENCH_LUA=$PWD/bench/lua

mkdir -p "$work" bench/results
log() { echo "bench: $*" >&2; }
field() { sed -n "s/.* $2=\([^ ]*\).*/\1/p" <<<" $1"; }
sql() { MYSQL_PWD=$DB_PASSWD mysql --protocol=tcp -h "$DB_HOST" -P "$DB_PORT" -u "$DB_USER" -N -B "$@"; }

for tool in java mysql curl wrk python3; do
	command -v $tool >/dev/null || { echo "bench: $tool is needed (wrk: apt-get install wrk)" >&2; exit 1; }
done
if [ ! -f "$jar" ]; then
	log "building $jar"
	./mvnw -B -q package -DskipTests
fi

# --- the app --------------------------------------------------------------------------------

app_pid=
stop_app() {
	if [ -n "$app_pid" ] && kill -0 "$app_pid" 2>/dev/null; then
		kill -TERM "$app_pid"
		wait "$app_pid" 2>/dev/null || true
	fi
	rm -f "$work/app.pid"
}
start_app() {
	log "starting the app: java $java_opts -jar $jar $app_args"
	# shellcheck disable=SC2086 # options are words
	SERVER_PORT=$port java $java_opts -jar "$jar" $app_args >"$work/app.log" 2>&1 &
	app_pid=$!
	echo "$app_pid" >"$work/app.pid"
	for _ in $(seq 1 240); do
		[ "$(curl -s -o /dev/null -w '%{http_code}' "$base/actuator/health/readiness")" = 200 ] && return
		kill -0 "$app_pid" 2>/dev/null || { tail -20 "$work/app.log" >&2; exit 1; }
		sleep 0.5
	done
	log "the app did not become ready; see $work/app.log"
	exit 1
}
if [ "${KEEP_APP:-}" != 1 ]; then
	trap stop_app EXIT
fi

memory() { awk -v f="$1" '$1 == f":" { printf "%d", $2 / 1024 }' "/proc/$app_pid/status"; }

# --- data -----------------------------------------------------------------------------------

csrf_of() { sed -n 's/.*name="_csrf" value="\([^"]*\)".*/\1/p' | head -1; }
urlencode() { python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1], safe=""))' "$1"; }

# A password hash made by the app itself: register a user through the sign-up form.
app_password_hash() {
	local jar_file=$work/cookies.seed token
	rm -f "$jar_file"
	token=$(curl -s -c "$jar_file" -b "$jar_file" "$base/register" | csrf_of)
	curl -s -o /dev/null -c "$jar_file" -b "$jar_file" --data-urlencode username=bench_seed \
		--data-urlencode email=bench_seed@example.org --data-urlencode "password=$password" \
		--data-urlencode "password2=$password" --data-urlencode "_csrf=$token" "$base/register"
	sql "$DB_NAME" -e "SELECT pw_hash FROM users WHERE username_key = 'bench_seed'"
}

sql -e "CREATE DATABASE IF NOT EXISTS \`$DB_NAME\` CHARACTER SET utf8mb4"
start_app
if [ "$(sql "$DB_NAME" -e "SELECT size FROM bench_info" 2>/dev/null)" != "$size" ]; then
	PW_HASH=$(app_password_hash)
	[ -n "$PW_HASH" ] || { log "could not register a user to get a password hash"; exit 1; }
	PW_HASH=$PW_HASH bench/load.sh "$size"
fi
sql "$DB_NAME" -e "DELETE FROM SPRING_SESSION"
# Signed in for "/": follows 50 others, user1 (the most prolific author) among them.
home_user=${BENCH_HOME_USER:-$(sql "$DB_NAME" -e "SELECT CONCAT('user', MIN(who_id)) FROM follower WHERE whom_id = 1 AND who_id >= 42")}

# Prints "SESSION=<id> <url-encoded CSRF token>" for a new session of the user.
sign_in() {
	local jar_file=$work/cookies.$1 token status
	rm -f "$jar_file"
	token=$(curl -s -c "$jar_file" -b "$jar_file" "$base/login" | csrf_of)
	status=$(curl -s -o /dev/null -w '%{http_code}' -c "$jar_file" -b "$jar_file" --data-urlencode "username=$1" \
		--data-urlencode "password=$password" --data-urlencode "_csrf=$token" "$base/login")
	[ "$status" = 302 ] || { log "signing in $1 answered $status"; exit 1; }
	# Sign-in issues a new token; this page also consumes the "You were logged in" flash.
	token=$(curl -s -c "$jar_file" -b "$jar_file" "$base/" | csrf_of)
	echo "SESSION=$(awk '$6 == "SESSION" { print $7 }' "$jar_file") $(urlencode "$token")"
}

read -r home_cookie home_token <<<"$(sign_in "$home_user")"
public2=/public$(curl -s "$base/public" | sed -n 's/.*rel="next" href="\([^"]*\)".*/\1/p' | head -1 | sed 's/&amp;/\&/g')
[ "$public2" != /public ] || { log "/public has no Older messages link"; exit 1; }
: >"$work/sessions"
if [[ " $runs " == *" mixed "* ]]; then
	for i in $(seq 101 $((100 + connections))); do
		sign_in "user$i" >>"$work/sessions"
	done
fi

# --- wrk runs -------------------------------------------------------------------------------

declare -A label path cookie script
label[public]="/public"; path[public]=/public
label[public2]="/public, page 2 (cursor)"; path[public2]=$public2
label[user]="$user_page (signed out)"; path[user]=$user_page
label[home]="/ signed in as $home_user"; path[home]=/; cookie[home]=$home_cookie
label[mixed]="mixed: 90 % GET (/, /public, $user_page), 10 % POST /add_message, $connections sessions"; path[mixed]=/
script[mixed]=$BENCH_LUA/mixed.lua

declare -A result rss cpu
# CPU time (user + system, in clock ticks) of a process, to tell the app's share of a request
# from the database's; the database's only when it runs on this machine.
ticks() { [ -n "$1" ] && awk '{ print $14 + $15 }' "/proc/$1/stat" 2>/dev/null || echo 0; }
db_pid=$(ss -Hltnp "sport = :$DB_PORT" 2>/dev/null | sed -n 's/.*pid=\([0-9]*\).*/\1/p' | head -1)
hz=$(getconf CLK_TCK)
max_id=$(sql "$DB_NAME" -e "SELECT COALESCE(MAX(message_id), 0) FROM message")
# The JIT compiles what runs: every page once first, so that the first page measured is not also
# the one that pays for compiling the code all pages share.
for run in $runs; do
	BENCH_COOKIE=${cookie[$run]:-} BENCH_SESSIONS=$work/sessions BENCH_USER_PAGE=$user_page \
		wrk -t"$threads" -c"$connections" -d"$app_warmup" -s "${script[$run]:-$BENCH_LUA/page.lua}" "$base${path[$run]}" >/dev/null
done
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
for run in $runs; do
	s=${script[$run]:-$BENCH_LUA/page.lua}
	log "wrk: ${label[$run]}"
	BENCH_COOKIE=${cookie[$run]:-} BENCH_SESSIONS=$work/sessions BENCH_USER_PAGE=$user_page \
		wrk -t"$threads" -c"$connections" -d"$warmup" -s "$s" "$base${path[$run]}" >/dev/null
	app0=$(ticks "$app_pid") db0=$(ticks "$db_pid")
	BENCH_COOKIE=${cookie[$run]:-} BENCH_SESSIONS=$work/sessions BENCH_USER_PAGE=$user_page \
		wrk -t"$threads" -c"$connections" -d"$duration" --latency -s "$s" "$base${path[$run]}" >"$work/wrk-$run.txt"
	app1=$(ticks "$app_pid") db1=$(ticks "$db_pid")
	result[$run]=$(grep '^BENCH ' "$work/wrk-$run.txt")
	rss[$run]=$(memory VmRSS)
	requests=$(field "${result[$run]}" requests)
	cpu[$run]=$(awk -v a=$((app1 - app0)) -v d=$((db1 - db0)) -v n="$requests" -v hz="$hz" -v db="$db_pid" \
		'BEGIN { printf "%.2f / %s", a * 1000 / hz / n, db ? sprintf("%.2f", d * 1000 / hz / n) : "?" }')
	log "  ${result[$run]#BENCH }, RSS ${rss[$run]} MB, CPU ms/request app / database ${cpu[$run]}"
done
load_after=$(cut -d' ' -f1-3 /proc/loadavg)
# The posts of the mixed run go, so every run reads the same data.
sql "$DB_NAME" -e "DELETE FROM message WHERE message_id > $max_id"

# --- statements per request -----------------------------------------------------------------

counters() {
	sql -e "SHOW GLOBAL STATUS WHERE Variable_name IN ('Com_select', 'Com_insert', 'Com_update', 'Com_delete', 'Questions')" |
		awk '{ printf "%s=%s ", $1, $2 }'
}
counter() { sed -n "s/.*$2=\([0-9]*\).*/\1/p" <<<"$1"; }

# Counters are server-wide: each trial also measures the server's background over an idle
# window and subtracts it; of three trials the one with the fewest statements counts (background
# only ever adds). Prints "select insert update delete questions" per request.
declare -A statements
count_statements() {
	local key=$1 method=$2 request_path=$3 expected=$4 n=$5 best= best_q= idle=2
	for _ in 1 2 3; do
		local b0 b1 a0 a1 t0 t1 line q
		b0=$(counters); sleep "$idle"; b1=$(counters)
		a0=$(counters); t0=$(date +%s.%N)
		python3 bench/requests.py "$base" "$method" "$request_path" "$n" "$expected" || return 1
		t1=$(date +%s.%N); a1=$(counters)
		line=$(for c in Com_select Com_insert Com_update Com_delete Questions; do
			echo "$(counter "$a1" $c) $(counter "$a0" $c) $(counter "$b1" $c) $(counter "$b0" $c)"
		done | awk -v n="$n" -v t="$(awk -v a="$t0" -v b="$t1" 'BEGIN { print b - a }')" -v idle="$idle" \
			'{ printf "%.2f ", (($1 - $2) - ($3 - $4) * t / idle) / n }')
		q=$(awk '{ print $5 }' <<<"$line")
		if [ -z "$best_q" ] || awk -v a="$q" -v b="$best_q" 'BEGIN { exit !(a < b) }'; then best=$line best_q=$q; fi
		# The next idle window as long as this burst, so the background estimate has its weight.
		idle=$(awk -v a="$t0" -v b="$t1" 'BEGIN { i = int(b - a + 0.5); print i < 1 ? 1 : i }')
	done
	statements[$key]=$best
	log "  $key: $best(select insert update delete questions)"
}

statement_pages=(public public2 user user-in home post)
declare -A statement_label=([public]="/public" [public2]="/public, page 2" [user]="$user_page signed out"
	[user-in]="$user_page signed in" [home]="/ signed in" [post]="POST /add_message")
if [ "$statement_requests" -gt 0 ]; then
	log "counting statements per request ($statement_requests requests each)"
	max_id=$(sql "$DB_NAME" -e "SELECT COALESCE(MAX(message_id), 0) FROM message")
	n=$statement_requests
	count_statements public GET /public 200 $n
	count_statements public2 GET "$public2" 200 $n
	count_statements user GET "$user_page" 200 $n
	BENCH_COOKIE=$home_cookie count_statements user-in GET "$user_page" 200 $n
	BENCH_COOKIE=$home_cookie count_statements home GET / 200 $n
	BENCH_COOKIE=$home_cookie BENCH_DATA="text=Statement+count+{i}&_csrf=$home_token" \
		count_statements post POST /add_message 302 $((n / 5))
	sql "$DB_NAME" -e "DELETE FROM message WHERE message_id > $max_id"
fi
peak=$(memory VmHWM)
rss_end=$(memory VmRSS)

# --- the results table ----------------------------------------------------------------------

total() { awk '{ printf "%.2f", $1 + $2 + $3 + $4 }' <<<"$1"; }
data=$(sql "$DB_NAME" -e "SELECT CONCAT((SELECT COUNT(*) FROM users), ' users, ', (SELECT COUNT(*) FROM message),
	' messages (', (SELECT COUNT(*) FROM message WHERE author_id = 1), ' by user1), ', (SELECT COUNT(*) FROM follower), ' follows')")
java_version=$(java -version 2>&1 | head -2 | tail -1)
db_version=$(sql -e "SELECT VERSION()")
buffer_pool=$(sql -e "SELECT @@innodb_buffer_pool_size DIV 1048576")
{
	echo "# MiniTwit benchmark, $size"
	echo
	echo "- date: $(date -u '+%Y-%m-%d %H:%M UTC'); commit $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- src || echo ' (with local changes)')"
	echo "- machine: $(nproc) cores, $(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -1), $(awk '/MemTotal/ { printf "%d GB", $2 / 1048576 }' /proc/meminfo) RAM; load average before the runs $load_before, after $load_after"
	echo "- Java: $java_version; JAVA_OPTS: \`$java_opts\`${app_args:+; app arguments: \`$app_args\`}"
	echo "- database: $db_version, innodb_buffer_pool_size $buffer_pool MiB, database $DB_NAME on $DB_HOST"
	echo "- data: $data"
	echo "- wrk: \`-t$threads -c$connections -d$duration --latency\` after a $warmup warm-up (and $app_warmup on each page after start-up), on the same machine as the app and the database"
	echo
	echo "| page | req/s | p50 | p99 | errors | statements/request | RSS | CPU ms/request app / database |"
	echo "|---|---:|---:|---:|---:|---:|---:|---:|"
	for run in $runs; do
		r=${result[$run]}
		case $run in
			public | public2 | user | home) st=$([ -n "${statements[$run]:-}" ] && total "${statements[$run]}" || echo "—") ;;
			*) st="—" ;;
		esac
		echo "| ${label[$run]} | $(field "$r" rps) | $(field "$r" p50) ms | $(field "$r" p99) ms | $(field "$r" errors) | $st | ${rss[$run]} MB | ${cpu[$run]} |"
	done
	echo
	echo "Statements per request (SELECT, INSERT, UPDATE, DELETE, and every statement the server counts"
	echo "as a question, transaction control included), from SHOW GLOBAL STATUS over $statement_requests"
	echo "requests on one keep-alive connection, the server's background subtracted:"
	echo
	echo "| request | select | insert | update | delete | total | questions |"
	echo "|---|---:|---:|---:|---:|---:|---:|"
	for key in "${statement_pages[@]}"; do
		[ -n "${statements[$key]:-}" ] || continue
		read -r s i u d q <<<"${statements[$key]}"
		echo "| ${statement_label[$key]} | $s | $i | $u | $d | $(total "${statements[$key]}") | $q |"
	done
	echo
	echo "App memory: RSS $rss_end MB at the end, peak (VmHWM) $peak MB."
} >"$results"
cat "$results"
log "written to $results"
