#!/usr/bin/env bash
# The MiniTwit benchmark in one command: starts the jar against a database of its own, loads the
# data if it is not there yet, measures the database's own speed at the /public statement, runs
# wrk on each page, counts database statements per request, and writes
# bench/results/<size>-<date>.md. With a second jar (or other JVM options or app arguments) it
# runs both side by side, page by page, and compares them; with BENCH_PROFILE=1 it writes a flame
# graph of each page.
#
#   bench/run.sh S|L|XL
#
# See bench/README.md for what is measured and how. Settings (environment):
#   DB_HOST DB_PORT DB_USER DB_PASSWD   the MySQL/MariaDB server (default root@127.0.0.1:3306, no password)
#   DB_NAME            database (default minitwit_bench_<size>; created if missing, and all its
#                      MiniTwit tables are overwritten by the load)
#   BENCH_JAR          the jar to run (target/minitwit.jar)
#   JAVA_OPTS          the app's JVM options (the heap settings README.md recommends)
#   APP_ARGS           extra --spring.property=value arguments for the app
#   BENCH_JAR_B JAVA_OPTS_B APP_ARGS_B   any of them set: an A/B run, B being A with these instead
#   BENCH_PORT         the app's HTTP port (5080; B gets the next one)
#   BENCH_PROFILE=1    a CPU profile of each page's run (async-profiler, fetched from Maven Central
#                      into target/), written as bench/results/flame-<size>-<page>[-<label>][-A|-B].svg
#   PROFILE_INTERVAL   the profiler's sampling interval in CPU time (2ms)
#   DURATION WARMUP THREADS CONNECTIONS   wrk settings (30s, 5s, 2, 32)
#   APP_WARMUP         load on each page once after start-up, before any run (10s)
#   STARTUP_TRIALS     starts of each jar whose median is the start-up time (3)
#   STARTUP_CACHE=1    start each jar as the Docker and AWS images do: extracted, with the start-up
#                      recorded by scripts/startup-cache.sh for the java on the PATH
#   CEILING_CLIENTS CEILING_QUERIES   mariadb-slap settings for the database ceiling (16, 50000)
#   STATEMENT_REQUESTS requests per statement count (1000; 0 skips the count)
#   BENCH_LABEL        appended to the results file name (e.g. "before")
#   ONLY               a space-separated subset of the runs: public public2 user home mixed
#   KEEP_APP=1         leave the app running at the end (its pid is in target/bench/app-a.pid)
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
duration=${DURATION:-30s}
warmup=${WARMUP:-5s}
app_warmup=${APP_WARMUP:-10s}
threads=${THREADS:-2}
connections=${CONNECTIONS:-32}
startup_trials=${STARTUP_TRIALS:-3}
ceiling_clients=${CEILING_CLIENTS:-16}
ceiling_queries=${CEILING_QUERIES:-50000}
statement_requests=${STATEMENT_REQUESTS:-1000}
runs=${ONLY:-public user home public2 mixed}
user_page=${BENCH_USER_PAGE:-/user1}
profile_interval=${PROFILE_INTERVAL:-2ms}
work=$PWD/target/bench
results=bench/results/$size-$(date -u +%F)${BENCH_LABEL:+-$BENCH_LABEL}.md
export BENCH_LUA=$PWD/bench/lua

# Side a is the jar under test; side b, when asked for, the one it is compared with.
declare -A jar java_opts app_args port base
sides=a
jar[a]=${BENCH_JAR:-target/minitwit.jar}
java_opts[a]=${JAVA_OPTS:--Xms128m -Xmx128m -XX:+UseSerialGC -XX:ReservedCodeCacheSize=64m -Xss512k -XX:TrimNativeHeapInterval=5000 -XX:+AlwaysPreTouch}
app_args[a]=${APP_ARGS:-}
port[a]=${BENCH_PORT:-5080}
if [ -n "${BENCH_JAR_B:-}${JAVA_OPTS_B:-}${APP_ARGS_B:-}" ]; then
	sides="a b"
	jar[b]=${BENCH_JAR_B:-${jar[a]}}
	java_opts[b]=${JAVA_OPTS_B:-${java_opts[a]}}
	app_args[b]=${APP_ARGS_B:-${app_args[a]}}
	port[b]=$((port[a] + 1))
fi
for side in $sides; do base[$side]=http://127.0.0.1:${port[$side]}; done
# Names in the results: none for a single jar, A and B for two.
side_name() { [ "$sides" = a ] || tr '[:lower:]' '[:upper:]' <<<"$1"; }

mkdir -p "$work" bench/results
log() { echo "bench: $*" >&2; }
fail() { log "$*"; exit 1; }
field() { sed -n "s/.* $2=\([^ ]*\).*/\1/p" <<<" $1"; }
sql() { MYSQL_PWD=$DB_PASSWD mysql --protocol=tcp -h "$DB_HOST" -P "$DB_PORT" -u "$DB_USER" -N -B "$@"; }

slap=$(command -v mariadb-slap || command -v mysqlslap || true)
[ -n "$slap" ] || fail "mariadb-slap or mysqlslap is needed (the database's client package)"
for tool in java mysql curl wrk python3; do
	command -v $tool >/dev/null || fail "$tool is needed (wrk: apt-get install wrk)"
done
if [ "${jar[a]}" = target/minitwit.jar ] && [ ! -f "${jar[a]}" ]; then
	log "building ${jar[a]}"
	./mvnw -B -q package -DskipTests
fi
for side in $sides; do [ -f "${jar[$side]}" ] || fail "no ${jar[$side]}"; done
# How java starts a side's app: the jar itself, or with STARTUP_CACHE=1 its extracted class path
# with the start-up recorded for it (an AOT cache on Java 25 and later, class data sharing before).
declare -A launch_option launch_file
for side in $sides; do
	launch_option[$side]=-jar launch_file[$side]=${jar[$side]}
	if [ "${STARTUP_CACHE:-}" = 1 ]; then
		rm -rf "$work/startup-$side"
		java -Djarmode=tools -jar "${jar[$side]}" extract --destination "$work/startup-$side" \
			--application-filename minitwit.jar >/dev/null
		scripts/startup-cache.sh "$work/startup-$side" | sed 's/^/bench: /' >&2
		launch_option[$side]= launch_file[$side]=@$work/startup-$side/java.args
	fi
done

# --- the profiler ---------------------------------------------------------------------------

# async-profiler's Maven Central jar carries the native agent, which is loaded into the running
# app for each page's run (jcmd JVMTI.agent_load) and writes collapsed stacks; flamegraph.py draws
# them. DebugNonSafepoints lets it place samples in inlined code, as async-profiler advises.
profiler=
if [ "${BENCH_PROFILE:-}" = 1 ]; then
	command -v jcmd >/dev/null || fail "jcmd (from the JDK) is needed to profile"
	profiler_version=${PROFILER_VERSION:-4.2}
	case $(uname -m) in
		x86_64) platform=linux-x64 ;;
		aarch64) platform=linux-arm64 ;;
		*) fail "no async-profiler for $(uname -m)" ;;
	esac
	profiler_dir=$work/async-profiler-$profiler_version
	profiler=$profiler_dir/$platform/libasyncProfiler.so
	if [ ! -f "$profiler" ]; then
		log "fetching async-profiler $profiler_version"
		./mvnw -B -q dependency:copy -Dartifact="tools.profiler:async-profiler:$profiler_version" -DoutputDirectory="$profiler_dir"
		(cd "$profiler_dir" && jar xf "async-profiler-$profiler_version.jar" "$platform/libasyncProfiler.so")
	fi
	for side in $sides; do java_opts[$side]+=" -XX:+UnlockDiagnosticVMOptions -XX:+DebugNonSafepoints"; done
fi
# Sends a command to the profiler inside the app; quoted, because jcmd splits name=value pairs.
profiler_command() {
	jcmd "$1" JVMTI.agent_load "$profiler" "\"$2\"" | grep -q 'return code: 0' ||
		fail "async-profiler refused \"$2\"; see $work/app-*.log"
}

# --- the app --------------------------------------------------------------------------------

declare -A pid startup
stop_app() {
	local side=$1
	if [ -n "${pid[$side]:-}" ] && kill -0 "${pid[$side]}" 2>/dev/null; then
		kill -TERM "${pid[$side]}"
		wait "${pid[$side]}" 2>/dev/null || true
	fi
	pid[$side]=
	rm -f "$work/app-$side.pid"
}
# Starts a side's app and adds the milliseconds from `java` to readiness to its start-ups.
start_app() {
	local side=$1 t0 deadline
	log "starting the app$(n=$(side_name "$side"); echo "${n:+ $n}"): java ${java_opts[$side]} ${launch_option[$side]} ${launch_file[$side]} ${app_args[$side]}"
	t0=$(date +%s%N)
	deadline=$((SECONDS + 120))
	# shellcheck disable=SC2086 # options are words
	DB_USER=$app_db_user DB_PASSWD=$app_db_passwd SERVER_PORT=${port[$side]} java ${java_opts[$side]} ${launch_option[$side]} "${launch_file[$side]}" ${app_args[$side]} >"$work/app-$side.log" 2>&1 &
	pid[$side]=$!
	echo "${pid[$side]}" >"$work/app-$side.pid"
	until [ "$(curl -s -o /dev/null -w '%{http_code}' "${base[$side]}/actuator/health/readiness")" = 200 ]; do
		kill -0 "${pid[$side]}" 2>/dev/null || { tail -20 "$work/app-$side.log" >&2; exit 1; }
		[ $SECONDS -lt $deadline ] || fail "the app did not become ready; see $work/app-$side.log"
		sleep 0.05
	done
	startup[$side]+="$((($(date +%s%N) - t0) / 1000000)) "
}
if [ "${KEEP_APP:-}" != 1 ]; then
	trap 'for side in $sides; do stop_app $side; done' EXIT
fi

memory() { awk -v f="$2" '$1 == f":" { printf "%d", $2 / 1024 }' "/proc/${pid[$1]}/status"; }

# --- data -----------------------------------------------------------------------------------

csrf_of() { sed -n 's/.*name="_csrf" value="\([^"]*\)".*/\1/p' | head -1; }
urlencode() { python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1], safe=""))' "$1"; }

# A password hash made by the app itself: register a user through the sign-up form.
app_password_hash() {
	local jar_file=$work/cookies.seed token
	rm -f "$jar_file"
	# One left by a load that did not finish holds the hash of another password.
	sql "$DB_NAME" -e "DELETE FROM users WHERE username_key = 'bench_seed'"
	token=$(curl -s -c "$jar_file" -b "$jar_file" "${base[a]}/register" | csrf_of)
	curl -s -o /dev/null -c "$jar_file" -b "$jar_file" --data-urlencode username=bench_seed \
		--data-urlencode email=bench_seed@example.org --data-urlencode "password=$password" \
		--data-urlencode "password2=$password" --data-urlencode "_csrf=$token" "${base[a]}/register"
	sql "$DB_NAME" -e "SELECT pw_hash FROM users WHERE username_key = 'bench_seed'"
}
# The generated users' one password: random when the data is loaded, and kept with it, so a run
# that reuses the data signs in with the password the data was loaded with.
password=
load_data() {
	password=$(sql "$DB_NAME" -e "SELECT password FROM bench_info WHERE size = '$size'" 2>/dev/null || true)
	[ -z "$password" ] || return 0
	password=$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')
	PW_HASH=$(app_password_hash)
	[ -n "$PW_HASH" ] || fail "could not register a user to get a password hash"
	PW_HASH=$PW_HASH PASSWORD=$password bench/load.sh "$size"
}

sql -e "CREATE DATABASE IF NOT EXISTS \`$DB_NAME\` CHARACTER SET utf8mb4"
# On MariaDB the app connects as a user of its own, and the server's per-user statistics count its
# statements and their CPU alone: other clients of a shared server (test suites, say) spoil neither.
# Elsewhere the server-wide counters are used, with their background subtracted.
app_db_user=$DB_USER app_db_passwd=$DB_PASSWD own_user=
# Its password is new each run, so none is written down: the user outlives the run on the server.
own_passwd=$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')
if sql -e "SET GLOBAL userstat = 1" 2>/dev/null &&
	sql -e "CREATE USER IF NOT EXISTS 'minitwit_bench_app'@'%';
		ALTER USER 'minitwit_bench_app'@'%' IDENTIFIED BY '$own_passwd';
		GRANT ALL ON \`$DB_NAME\`.* TO 'minitwit_bench_app'@'%'"; then
	app_db_user=minitwit_bench_app app_db_passwd=$own_passwd own_user=1
fi
# Start-up time: each side starts STARTUP_TRIALS times in turn, before any load; the last start
# stays up for the runs. A's first start creates the schema, and the data is loaded through it.
load_startup=$(cut -d' ' -f1-3 /proc/loadavg)
for trial in $(seq 1 "$startup_trials"); do
	for side in $sides; do
		start_app "$side"
		[ "$trial$side" != 1a ] || load_data
		[ "$trial" = "$startup_trials" ] || stop_app "$side"
	done
done
sql "$DB_NAME" -e "DELETE FROM SPRING_SESSION"
# Signed in for "/": follows 50 others, user1 (the most prolific author) among them.
home_user=${BENCH_HOME_USER:-$(sql "$DB_NAME" -e "SELECT CONCAT('user', MIN(who_id)) FROM follower WHERE whom_id = 1 AND who_id >= 42")}

# Prints "SESSION=<id> <url-encoded CSRF token>" for a new session of the user on a side's app.
sign_in() {
	local side=$1 user=$2 jar_file=$work/cookies.$1.$2 token status
	rm -f "$jar_file"
	token=$(curl -s -c "$jar_file" -b "$jar_file" "${base[$side]}/login" | csrf_of)
	status=$(curl -s -o /dev/null -w '%{http_code}' -c "$jar_file" -b "$jar_file" --data-urlencode "username=$user" \
		--data-urlencode "password=$password" --data-urlencode "_csrf=$token" "${base[$side]}/login")
	[ "$status" = 302 ] || fail "signing in $user answered $status"
	# Sign-in issues a new token; this page also consumes the "You were logged in" flash.
	token=$(curl -s -c "$jar_file" -b "$jar_file" "${base[$side]}/" | csrf_of)
	echo "SESSION=$(awk '$6 == "SESSION" { print $7 }' "$jar_file") $(urlencode "$token")"
}

# Each side signs in its own sessions, so that B may keep sessions differently from A.
declare -A home_cookie home_token
for side in $sides; do
	read -r "home_cookie[$side]" "home_token[$side]" <<<"$(sign_in "$side" "$home_user")"
	: >"$work/sessions-$side"
	if [[ " $runs " == *" mixed "* ]]; then
		for i in $(seq 101 $((100 + connections))); do
			sign_in "$side" "user$i" >>"$work/sessions-$side"
		done
	fi
done
public2=/public$(curl -s "${base[a]}/public" | sed -n 's/.*rel="next" href="\([^"]*\)".*/\1/p' | head -1 | sed 's/&amp;/\&/g')
[ "$public2" != /public ] || fail "/public has no Older messages link"

# --- wrk runs -------------------------------------------------------------------------------

declare -A label path
label[public]="/public"; path[public]=/public
label[public2]="/public, page 2"; path[public2]=$public2
label[user]="$user_page signed out"; path[user]=$user_page
label[home]="/ signed in"; path[home]=/
label[mixed]="mixed"; path[mixed]=/
mixed_description="90 % GET of /, /public and $user_page, 10 % POST /add_message, by $connections signed-in sessions in turn"

# wrk on a side's page: run_wrk SIDE RUN DURATION [wrk options...]
run_wrk() {
	local side=$1 run=$2 length=$3 script=$BENCH_LUA/page.lua cookie=
	shift 3
	[ "$run" != mixed ] || script=$BENCH_LUA/mixed.lua
	[ "$run" != home ] || cookie=${home_cookie[$side]}
	BENCH_COOKIE=$cookie BENCH_SESSIONS=$work/sessions-$side BENCH_USER_PAGE=$user_page \
		wrk -t"$threads" -c"$connections" -d"$length" "$@" -s "$script" "${base[$side]}${path[$run]}"
}

# CPU time (user + system, in clock ticks) of a process, to tell the app's share of a request
# from the database's; the database's only when it runs on this machine.
ticks() { [ -n "$1" ] && awk '{ print $14 + $15 }' "/proc/$1/stat" 2>/dev/null || echo 0; }
ms_per() { awk -v t="$1" -v n="$2" -v hz="$hz" 'BEGIN { printf "%.2f", t * 1000 / hz / n }'; }
db_pid=$(ss -Hltnp "sport = :$DB_PORT" 2>/dev/null | sed -n 's/.*pid=\([0-9]*\).*/\1/p' | head -1)
hz=$(getconf CLK_TCK)
max_id=$(sql "$DB_NAME" -e "SELECT COALESCE(MAX(message_id), 0) FROM message")
# The JIT compiles what runs: every page once first, so that the first page measured is not also
# the one that pays for compiling the code all pages share.
for side in $sides; do
	for run in $runs; do run_wrk "$side" "$run" "$app_warmup" >/dev/null; done
done
sql "$DB_NAME" -e "DELETE FROM message WHERE message_id > $max_id"

# --- the database ceiling -------------------------------------------------------------------

# The statement the app sends for /public, taken from the server's general log during one request:
# the first SELECT on a connection to the bench database (Spring Session's clean-up may commit on
# one at the same time). mariadb-slap then runs it alone.
capture_public_statement() {
	local old since ids
	old=$(sql -e "SELECT CONCAT('general_log = ', @@general_log, ', log_output = ''', @@log_output, '''')")
	since=$(sql -e "SELECT NOW(6)")
	sql -e "SET GLOBAL log_output = 'TABLE', GLOBAL general_log = 1"
	curl -s -o /dev/null --max-time 10 "${base[a]}/public" || true
	sql -e "SET GLOBAL $old"
	ids=$(sql -e "SELECT GROUP_CONCAT(id) FROM information_schema.PROCESSLIST WHERE db = '$DB_NAME'")
	sql -r -e "SELECT argument FROM mysql.general_log WHERE event_time >= '$since' AND thread_id IN ($ids)
		AND command_type IN ('Query', 'Execute') AND TRIM(argument) LIKE 'select%' ORDER BY event_time LIMIT 1" |
		tr -s '\n\t' '  '
}
public_statement=$(capture_public_statement)
[ -n "$public_statement" ] || fail "could not find the /public statement in the general log"
# It exits 0 even when the statement fails, and says so on stderr.
run_slap() {
	MYSQL_PWD=$DB_PASSWD "$slap" --protocol=tcp -h "$DB_HOST" -P "$DB_PORT" -u "$DB_USER" --create-schema="$DB_NAME" \
		--no-drop --query="$public_statement" --concurrency="$ceiling_clients" --iterations=1 --number-of-queries="$1" \
		>"$work/slap.txt" 2>"$work/slap.err"
	[ ! -s "$work/slap.err" ] || fail "$(basename "$slap"): $(head -1 "$work/slap.err")"
}
log "database ceiling: the /public statement alone, $ceiling_clients clients, $ceiling_queries queries"
run_slap $((ceiling_queries / 10))
db0=$(ticks "$db_pid")
run_slap "$ceiling_queries"
db1=$(ticks "$db_pid")
slap_seconds=$(sed -n 's/.*Average number of seconds to run all queries: \([0-9.]*\).*/\1/p' "$work/slap.txt")
ceiling=$(awk -v q="$ceiling_queries" -v s="$slap_seconds" 'BEGIN { printf "%.0f", q / s }')
ceiling_cpu=$([ -n "$db_pid" ] && ms_per $((db1 - db0)) "$ceiling_queries" || echo "?")
log "  $ceiling queries/s, database CPU $ceiling_cpu ms/query"

# "select=S write=W questions=Q cpu=SECONDS": the app's user's own counters, or the server's.
counters() {
	if [ -n "$own_user" ]; then
		sql -e "SELECT SELECT_COMMANDS, UPDATE_COMMANDS, SELECT_COMMANDS + UPDATE_COMMANDS + OTHER_COMMANDS, CPU_TIME
			FROM information_schema.USER_STATISTICS WHERE USER = '$app_db_user'" |
			awk '{ printf "select=%d write=%d questions=%d cpu=%s", $1, $2, $3, $4 } END { if (!NR) print "select=0 write=0 questions=0 cpu=0" }'
	else
		sql -e "SHOW GLOBAL STATUS WHERE Variable_name IN ('Com_select', 'Com_insert', 'Com_update', 'Com_delete', 'Questions')" |
			awk '{ v[$1] = $2 } END { printf "select=%d write=%d questions=%d cpu=0", v["Com_select"],
				v["Com_insert"] + v["Com_update"] + v["Com_delete"], v["Questions"] }'
	fi
}
# --- the page runs, A and B in turn ---------------------------------------------------------

declare -A result rss cpu_app cpu_db questions_db
flame_file() {
	local name
	name=$(side_name "$2")
	echo "bench/results/flame-$size-$1${BENCH_LABEL:+-$BENCH_LABEL}${name:+-$name}.svg"
}
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
for run in $runs; do
	for side in $sides; do
		key=$run/$side
		log "wrk: ${label[$run]} $(side_name "$side")"
		run_wrk "$side" "$run" "$warmup" >/dev/null
		[ -z "$profiler" ] || profiler_command "${pid[$side]}" "start,event=cpu,interval=$profile_interval"
		app0=$(ticks "${pid[$side]}") db0=$(ticks "$db_pid") own0=$(counters)
		run_wrk "$side" "$run" "$duration" --latency >"$work/wrk-$run-$side.txt"
		app1=$(ticks "${pid[$side]}") db1=$(ticks "$db_pid") own1=$(counters)
		if [ -n "$profiler" ]; then
			profiler_command "${pid[$side]}" "stop,file=$work/profile-$run-$side.collapsed,collapsed"
			python3 bench/flamegraph.py --title "MiniTwit $size, ${label[$run]}$([ "$run" != mixed ] || echo " ($mixed_description)") $(side_name "$side")" \
				<"$work/profile-$run-$side.collapsed" >"$(flame_file "$run" "$side")"
		fi
		result[$key]=$(grep '^BENCH ' "$work/wrk-$run-$side.txt")
		rss[$key]=$(memory "$side" VmRSS)
		requests=$(field "${result[$key]}" requests)
		cpu_app[$key]=$(ms_per $((app1 - app0)) "$requests")
		if [ -n "$own_user" ]; then
			cpu_db[$key]=$(awk -v a="$(field "$own0" cpu)" -v b="$(field "$own1" cpu)" -v n="$requests" 'BEGIN { printf "%.2f", (b - a) * 1000 / n }')
			# Every question of the run, warm-up of the next page excluded: what this database served.
			questions_db[$key]=$(awk -v a="$(field "$own0" questions)" -v b="$(field "$own1" questions)" -v n="$requests" 'BEGIN { printf "%.2f", (b - a) / n }')
		else
			cpu_db[$key]=$([ -n "$db_pid" ] && ms_per $((db1 - db0)) "$requests" || echo "?")
		fi
		log "  ${result[$key]#BENCH }, RSS ${rss[$key]} MB, CPU ms/request app ${cpu_app[$key]}, database ${cpu_db[$key]}"
		# The posts of the mixed run go, so every run reads the same data.
		[ "$run" != mixed ] || sql "$DB_NAME" -e "DELETE FROM message WHERE message_id > $max_id"
	done
done
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

# --- statements per request -----------------------------------------------------------------

counter() { sed -n "s/.*$2=\([0-9]*\).*/\1/p" <<<"$1"; }

# Server-wide counters also count other clients: each trial measures that background over an idle
# window and subtracts it; of three trials the one with the fewest statements counts (background
# only ever adds). The app's own counters have no background. Sets statements[KEY/SIDE] to
# "select write questions" per request.
declare -A statements
count_statements() {
	local key=$1 side=$2 method=$3 request_path=$4 expected=$5 n=$6 best='' best_q='' idle=2
	for _ in 1 2 3; do
		local b0 b1 a0 a1 t0 t1 line q
		b0=$(counters); [ -n "$own_user" ] || sleep "$idle"; b1=$(counters)
		a0=$(counters); t0=$(date +%s.%N)
		python3 bench/requests.py "${base[$side]}" "$method" "$request_path" "$n" "$expected" || return 1
		t1=$(date +%s.%N); a1=$(counters)
		line=$(for c in select write questions; do
			echo "$(counter "$a1" $c) $(counter "$a0" $c) $(counter "$b1" $c) $(counter "$b0" $c)"
		done | awk -v n="$n" -v t="$(awk -v a="$t0" -v b="$t1" 'BEGIN { print b - a }')" -v idle="$idle" \
			'{ printf "%.2f ", (($1 - $2) - ($3 - $4) * t / idle) / n }')
		q=$(awk '{ print $3 }' <<<"$line")
		if [ -z "$best_q" ] || awk -v a="$q" -v b="$best_q" 'BEGIN { exit !(a < b) }'; then best=$line best_q=$q; fi
		# The next idle window as long as this burst, so the background estimate has its weight.
		idle=$(awk -v a="$t0" -v b="$t1" 'BEGIN { i = int(b - a + 0.5); print i < 1 ? 1 : i }')
	done
	statements[$key/$side]=$best
	log "  $key$(n=$(side_name "$side"); echo "${n:+ $n}"): $best(select write questions)"
}

statement_pages=(public public2 user user-in home post)
declare -A statement_label=([public]="/public" [public2]="/public, page 2" [user]="$user_page signed out"
	[user-in]="$user_page signed in" [home]="/ signed in" [post]="POST /add_message")
if [ "$statement_requests" -gt 0 ]; then
	log "counting statements per request ($statement_requests requests each)"
	n=$statement_requests
	for side in $sides; do
		count_statements public "$side" GET /public 200 "$n"
		count_statements public2 "$side" GET "$public2" 200 "$n"
		count_statements user "$side" GET "$user_page" 200 "$n"
		BENCH_COOKIE=${home_cookie[$side]} count_statements user-in "$side" GET "$user_page" 200 "$n"
		BENCH_COOKIE=${home_cookie[$side]} count_statements home "$side" GET / 200 "$n"
		BENCH_COOKIE=${home_cookie[$side]} BENCH_DATA="text=Statement+count+{i}&_csrf=${home_token[$side]}" \
			count_statements post "$side" POST /add_message 302 $((n / 5))
		sql "$DB_NAME" -e "DELETE FROM message WHERE message_id > $max_id"
	done
fi
declare -A peak rss_end
for side in $sides; do
	peak[$side]=$(memory "$side" VmHWM)
	rss_end[$side]=$(memory "$side" VmRSS)
done

# --- the results ----------------------------------------------------------------------------

total() { awk '{ printf "%.2f", $1 + $2 }' <<<"$1"; }
# "statements (questions)" of a page, "—" where not counted.
per_request() {
	local s=${statements[$1]:-}
	[ -n "$s" ] && awk '{ printf "%g (%g)", $1 + $2, $3 }' <<<"$s" || echo "—"
}
median_ms() { tr ' ' '\n' <<<"$1" | grep . | sort -n | awk '{ v[NR] = $1 } END { printf "%.1f", v[int((NR + 1) / 2)] / 1000 }'; }
seconds_list() { tr ' ' '\n' <<<"$1" | grep . | awk '{ printf "%s%.1f", (NR > 1 ? ", " : ""), $1 / 1000 }'; }
share() { awk -v r="$1" -v c="$ceiling" 'BEGIN { printf "%.0f %%", 100 * r / c }'; }
# "a → b (b/a)" for the comparison.
versus() { awk -v a="$1" -v b="$2" -v f="$3" 'BEGIN { printf f " → " f " (%.2f)", a, b, a ? b / a : 0 }'; }

pages_table() {
	local side=$1 run key r
	echo "| page | req/s | of the ceiling | p50 | p99 | errors | app CPU ms/request | database CPU ms/request | statements (questions) | database questions/request in the run | RSS |"
	echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
	for run in $runs; do
		key=$run/$side
		r=${result[$key]}
		echo "| ${label[$run]} | $(printf %.0f "$(field "$r" rps)") | $(share "$(field "$r" rps)") | $(field "$r" p50) ms |" \
			"$(field "$r" p99) ms | $(field "$r" errors) | ${cpu_app[$key]} | ${cpu_db[$key]} | $(per_request "$key") | ${questions_db[$key]:-—} | ${rss[$key]} MB |"
	done
}
statements_table() {
	local side=$1 key s w q
	echo "| request | select | write (insert, update, delete) | total | questions |"
	echo "|---|---:|---:|---:|---:|"
	for key in "${statement_pages[@]}"; do
		[ -n "${statements[$key/$side]:-}" ] || continue
		read -r s w q <<<"${statements[$key/$side]}"
		echo "| ${statement_label[$key]} | $s | $w | $(total "${statements[$key/$side]}") | $q |"
	done
}
comparison_table() {
	local run a b
	echo "| page | req/s | p99 ms | app CPU ms/request | database CPU ms/request | statements (questions) | database questions/request in the run | RSS MB |"
	echo "|---|---|---|---|---|---|---|---|"
	for run in $runs; do
		a=$run/a b=$run/b
		echo "| ${label[$run]} | $(versus "$(field "${result[$a]}" rps)" "$(field "${result[$b]}" rps)" %.0f) |" \
			"$(versus "$(field "${result[$a]}" p99)" "$(field "${result[$b]}" p99)" %.1f) |" \
			"$(versus "${cpu_app[$a]}" "${cpu_app[$b]}" %.2f) | $(versus "${cpu_db[$a]}" "${cpu_db[$b]}" %.2f) |" \
			"$(per_request "$a") → $(per_request "$b") |" \
			"$([ -z "${questions_db[$a]:-}" ] || versus "${questions_db[$a]}" "${questions_db[$b]}" %.2f) | $(versus "${rss[$a]}" "${rss[$b]}" %d) |"
	done
	echo "| start-up to ready, s | $(versus "$(median_ms "${startup[a]}")" "$(median_ms "${startup[b]}")" %.1f) | | | | | | |"
}

data=$(sql "$DB_NAME" -e "SELECT CONCAT((SELECT COUNT(*) FROM users), ' users, ', (SELECT COUNT(*) FROM message),
	' messages (', (SELECT COUNT(*) FROM message WHERE author_id = 1), ' by user1), ', (SELECT COUNT(*) FROM follower), ' follows')")
java_version=$(java -version 2>&1 | head -2 | tail -1)
db_version=$(sql -e "SELECT VERSION()")
buffer_pool=$(sql -e "SELECT @@innodb_buffer_pool_size DIV 1048576")
{
	echo "# MiniTwit benchmark, $size"
	echo
	echo "- date: $(date -u '+%Y-%m-%d %H:%M UTC'); commit $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- src || echo ' (with local changes)')"
	echo "- machine: $(nproc) cores, $(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -1), $(awk '/MemTotal/ { printf "%d GB", $2 / 1048576 }' /proc/meminfo) RAM; load average before the start-ups $load_startup, before the runs $load_before, after $load_after"
	echo "- Java: $java_version"
	if awk -v l="${load_before%% *}" 'BEGIN { exit !(l >= 1) }'; then
		echo "- **The machine was busy (load average ${load_before%% *} before the runs): compare these figures with none but their A/B counterparts.**"
	fi
	for side in $sides; do
		echo "- $([ "$sides" = a ] && echo app || side_name "$side"): \`${jar[$side]##*/}\`, JAVA_OPTS \`${java_opts[$side]}\`${app_args[$side]:+, arguments \`${app_args[$side]}\`};" \
			"start-up to ready$([ "${STARTUP_CACHE:-}" != 1 ] || echo ', extracted, with the recorded start-up,') $(median_ms "${startup[$side]}") s (median of $(seconds_list "${startup[$side]}") s)"
	done
	echo "- database: $db_version, innodb_buffer_pool_size $buffer_pool MiB, database $DB_NAME on $DB_HOST"
	echo "- data: $data"
	echo "- wrk: \`-t$threads -c$connections -d$duration --latency\` after a $warmup warm-up (and $app_warmup on each page after start-up), on the same machine as the app and the database"
	echo "- database ceiling: the /public statement alone, $(basename "$slap") with $ceiling_clients clients and $ceiling_queries queries: **$ceiling queries/s**, database CPU $ceiling_cpu ms/query"
	[ -z "$profiler" ] || echo "- profiled: async-profiler $profiler_version, CPU samples every $profile_interval during each run; flame graphs \`$(flame_file '<page>' a | sed 's|.*/||; s/-A\.svg$/-A|B.svg/')\`"
	echo
	for side in $sides; do
		[ "$sides" = a ] || printf '## %s\n\n' "$(side_name "$side")"
		pages_table "$side"
		echo
	done
	echo "/ signed in: as $home_user, who follows 50 users, user1 among them. mixed: $mixed_description."
	echo "Statements (questions) per request: the questions add transaction control (\`SET autocommit\`,"
	echo "\`COMMIT\`) to the statements."
	echo
	if [ "$sides" != a ]; then
		echo "## B against A (B/A)"
		echo
		comparison_table
		echo
	fi
	for side in $sides; do
		echo "Statements per request$([ "$sides" = a ] || echo " of $(side_name "$side")") over $statement_requests requests on one keep-alive connection, $([ -n "$own_user" ] && echo "from the app's database user's own statistics (USER_STATISTICS)" || echo "from SHOW GLOBAL STATUS, the server's background subtracted"):"
		echo
		statements_table "$side"
		echo
		echo "App memory: RSS ${rss_end[$side]} MB at the end, peak (VmHWM) ${peak[$side]} MB."
		echo
	done
	echo "The /public statement of the ceiling, as the app sent it:"
	echo
	echo '```sql'
	echo "$public_statement"
	echo '```'
} >"$results"
cat "$results"
log "written to $results"
