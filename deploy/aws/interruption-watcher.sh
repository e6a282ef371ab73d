#!/bin/bash
# Takes this instance out of service before it goes away, so that no user sees an error:
#   - a Spot interruption notice (instance metadata spot/instance-action: two minutes' warning), or
#   - the Auto Scaling group terminating it (metadata autoscaling/target-lifecycle-state becomes
#     Terminated: a scale-in, a rolling update, a Capacity Rebalancing replacement; the group's
#     termination lifecycle hook holds the instance until this script says it is done).
# Then, in order:
#   1. POST /actuator/drain on the management port: readiness goes down for good, so the load
#      balancer's health check takes the instance out;
#   2. wait until the load balancer has stopped sending requests: no request but probes for a quiet
#      while, and at least the time the load balancer needs to see readiness down;
#   3. stop the service (SIGTERM: Spring finishes the requests in flight);
#   4. complete the lifecycle action, so that the group terminates the instance now.
#
# Instance metadata is read with IMDSv2 (a session token), the only kind the launch template allows.
# Settings come from the environment (/etc/minitwit/*.env on an instance); the defaults suit AWS.
set -euo pipefail

IMDS=${IMDS_ENDPOINT:-http://169.254.169.254}
MANAGEMENT_URL=${MINITWIT_MANAGEMENT_URL:-http://127.0.0.1:${MINITWIT_MANAGEMENT_PORT:-8081}}
POLL_SECONDS=${MINITWIT_WATCH_INTERVAL:-5}
# The load balancer's health-check interval times its unhealthy threshold: how long it may go on
# sending requests after readiness went down.
DETECT_SECONDS=${MINITWIT_LB_DETECT_SECONDS:-10}
# No request (probes aside) for this long: the load balancer has drained the instance.
QUIET_SECONDS=${MINITWIT_DRAIN_QUIET_SECONDS:-3}
# A Spot instance has two minutes in all; stopping takes up to the unit's TimeoutStopSec after this.
DRAIN_TIMEOUT=${MINITWIT_DRAIN_TIMEOUT:-60}
STOP_COMMAND=${MINITWIT_STOP_COMMAND:-systemctl stop minitwit.service}
ASG_NAME=${MINITWIT_ASG_NAME:-}
HOOK_NAME=${MINITWIT_LIFECYCLE_HOOK:-}
# After a Spot notice the group may call its termination hook only later: wait this long for it.
LIFECYCLE_WAIT=${MINITWIT_LIFECYCLE_WAIT:-110}

log() { echo "interruption-watcher: $*"; }

# The body of a metadata path on stdout; status 0 when found, 1 when absent (404), 2 otherwise. A
# fresh session token each time: it is called in a subshell, where nothing could be kept.
imds() {
	local token answer
	token=$(curl -sS -f --max-time 2 -X PUT -H 'X-aws-ec2-metadata-token-ttl-seconds: 60' \
		"$IMDS/latest/api/token") || return 2
	answer=$(curl -sS --max-time 2 -H "X-aws-ec2-metadata-token: $token" -w '\n%{http_code}' \
		"$IMDS/latest/meta-data/$1") || return 2
	case ${answer##*$'\n'} in
	200) printf '%s\n' "${answer%$'\n'*}" ;;
	404) return 1 ;;
	*) return 2 ;;
	esac
}

# Prints why this instance is going away, or fails when it is not.
termination_notice() {
	local notice state
	if notice=$(imds spot/instance-action); then
		echo "Spot interruption notice $notice"
		return 0
	fi
	if state=$(imds autoscaling/target-lifecycle-state) && [ "$state" = Terminated ]; then
		echo "the Auto Scaling group is terminating this instance"
		return 0
	fi
	return 1
}

# Requests the instance has answered, probes and the management port's own endpoints left out.
served() {
	curl -fsS --max-time 2 "$MANAGEMENT_URL/actuator/prometheus" | awk '
		/^http_server_requests_seconds_count\{/ && !/uri="(\/readyz|\/livez|\/actuator[^"]*)"/ { n += $NF }
		END { printf "%d\n", n }'
}

# Milliseconds since the epoch (bash's SECONDS counts whole seconds only).
now_ms() {
	local now=${EPOCHREALTIME//[.,]/}
	echo $((now / 1000))
}

drain() {
	if curl -fsS --max-time 5 -o /dev/null -X POST "$MANAGEMENT_URL/actuator/drain"; then
		log "readiness is down"
	else
		log "could not reach $MANAGEMENT_URL/actuator/drain (is the service running?)"
	fi
	local started last=none quiet_since count now
	started=$(now_ms)
	quiet_since=$started
	while now=$(now_ms) && ((now - started < DRAIN_TIMEOUT * 1000)); do
		count=$(served 2>/dev/null || echo unknown)
		now=$(now_ms)
		if [ "$count" != "$last" ]; then
			last=$count
			quiet_since=$now
		fi
		if ((now - started >= DETECT_SECONDS * 1000 && now - quiet_since >= QUIET_SECONDS * 1000)); then
			log "drained: no request for ${QUIET_SECONDS}s, $(((now - started) / 1000))s after readiness went down"
			return 0
		fi
		sleep 0.5
	done
	log "still receiving requests after ${DRAIN_TIMEOUT}s: stopping all the same"
}

complete_lifecycle_action() {
	if [ -z "$ASG_NAME" ] || [ -z "$HOOK_NAME" ]; then
		return 0
	fi
	local deadline=$((SECONDS + LIFECYCLE_WAIT)) state
	until state=$(imds autoscaling/target-lifecycle-state) && [ "$state" = Terminated ]; do
		if ((SECONDS >= deadline)); then
			log "the group did not start terminating this instance within ${LIFECYCLE_WAIT}s"
			return 0
		fi
		sleep "$POLL_SECONDS"
	done
	local instance_id
	instance_id=$(imds instance-id)
	aws autoscaling complete-lifecycle-action ${AWS_REGION:+--region "$AWS_REGION"} \
		--auto-scaling-group-name "$ASG_NAME" --lifecycle-hook-name "$HOOK_NAME" \
		--instance-id "$instance_id" --lifecycle-action-result CONTINUE
	log "lifecycle action completed: the group may terminate $instance_id"
}

log "watching $IMDS every ${POLL_SECONDS}s"
until reason=$(termination_notice); do
	sleep "$POLL_SECONDS"
done
log "$reason: draining"
drain
log "stopping the service"
bash -c "$STOP_COMMAND"
complete_lifecycle_action
log "done"
