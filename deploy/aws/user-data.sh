#!/bin/bash
# The configuration of one MiniTwit instance, at its first boot: where the database and its secret
# are, where the logs go, which Auto Scaling group and lifecycle hook the interruption watcher
# answers to. Everything else is in the image (install.sh), where this file is
# /opt/minitwit/bin/minitwit-configure; minitwit.yaml's launch template exports the settings below
# and runs it.
#
# No credential is written anywhere: the service reads the database user and password from AWS
# Secrets Manager itself, through the Secrets Manager JDBC driver, and reads them again when RDS
# has rotated the password. The instance role must allow secretsmanager:GetSecretValue and
# secretsmanager:DescribeSecret on that one secret.
set -euo pipefail

# --- settings ----------------------------------------------------------------------------------
DB_SECRET_ID="${DB_SECRET_ID:-}"                   # ARN of the RDS-managed secret {"username","password"}
DB_HOST="${DB_HOST:-}"                             # the RDS endpoint address
DB_PORT="${DB_PORT:-3306}"
DB_NAME="${DB_NAME:-minitwit}"
DB_READ_HOST="${DB_READ_HOST:-}"                   # the read replica's endpoint address; empty: none
AWS_REGION="${AWS_REGION:-}"                       # empty: this instance's region
MINITWIT_LOG_GROUP="${MINITWIT_LOG_GROUP:-}"       # CloudWatch Logs group; empty: logs stay on the instance
MINITWIT_ASG_NAME="${MINITWIT_ASG_NAME:-}"         # empty: not in an Auto Scaling group
MINITWIT_LIFECYCLE_HOOK="${MINITWIT_LIFECYCLE_HOOK:-}"
# The load balancer's health-check interval times its unhealthy threshold (seconds).
MINITWIT_LB_DETECT_SECONDS="${MINITWIT_LB_DETECT_SECONDS:-10}"
# Peers trusted to name the client (X-Forwarded-For): the load balancer's network, as CIDR blocks.
MINITWIT_TRUSTED_PROXIES="${MINITWIT_TRUSTED_PROXIES:-127.0.0.0/8,::1/128}"
# How long to wait for the instance to report ready before this script fails (seconds).
MINITWIT_READY_TIMEOUT="${MINITWIT_READY_TIMEOUT:-600}"

for required in DB_SECRET_ID DB_HOST; do
	if [ -z "${!required}" ]; then
		echo "minitwit: $required is not set" >&2
		exit 1
	fi
done

imds() {
	local token
	token=$(curl -fsS -X PUT -H 'X-aws-ec2-metadata-token-ttl-seconds: 60' http://169.254.169.254/latest/api/token)
	curl -fsS -H "X-aws-ec2-metadata-token: $token" "http://169.254.169.254/latest/meta-data/$1"
}
if [ -z "$AWS_REGION" ]; then
	AWS_REGION=$(imds placement/region)
fi
# Sent back as X-MiniTwit-Instance, so that one can watch the load balancer alternate.
INSTANCE_ID=$(imds instance-id)

# --- settings file: no credential in it --------------------------------------------------------
cat > /etc/minitwit/minitwit.env <<EOF
DB_HOST=$DB_HOST
DB_PORT=$DB_PORT
DB_NAME=$DB_NAME
DB_READ_HOST=$DB_READ_HOST
DB_SECRET_ID=$DB_SECRET_ID
MINITWIT_TRUSTED_PROXIES=$MINITWIT_TRUSTED_PROXIES
AWS_REGION=$AWS_REGION
MINITWIT_INSTANCE_ID=$INSTANCE_ID
MINITWIT_ASG_NAME=$MINITWIT_ASG_NAME
MINITWIT_LIFECYCLE_HOOK=$MINITWIT_LIFECYCLE_HOOK
MINITWIT_LB_DETECT_SECONDS=$MINITWIT_LB_DETECT_SECONDS
EOF
chown root:minitwit /etc/minitwit/minitwit.env
chmod 0640 /etc/minitwit/minitwit.env

# --- logs to CloudWatch ------------------------------------------------------------------------
if [ -n "$MINITWIT_LOG_GROUP" ]; then
	cat > /opt/aws/amazon-cloudwatch-agent/etc/minitwit.json <<EOF
{
  "logs": {
    "logs_collected": {
      "files": {
        "collect_list": [
          {
            "file_path": "/var/log/minitwit/minitwit.log",
            "log_group_name": "$MINITWIT_LOG_GROUP",
            "log_stream_name": "{instance_id}"
          }
        ]
      }
    }
  }
}
EOF
	/opt/aws/amazon-cloudwatch-agent/bin/amazon-cloudwatch-agent-ctl -a fetch-config -m ec2 -s \
		-c file:/opt/aws/amazon-cloudwatch-agent/etc/minitwit.json
fi

systemctl enable --now minitwit.service minitwit-interruption-watcher.service

# --- wait until it serves ----------------------------------------------------------------------
# Readiness includes the database, so success here means the whole path works.
deadline=$((SECONDS + MINITWIT_READY_TIMEOUT))
until curl -fsS -o /dev/null "http://127.0.0.1:5000/readyz"; do
	if [ "$SECONDS" -ge "$deadline" ]; then
		echo "minitwit: not ready after $MINITWIT_READY_TIMEOUT s" >&2
		tail -n 50 /var/log/minitwit/minitwit.log >&2 || true
		exit 1
	fi
	sleep 5
done
echo "minitwit: ready"
