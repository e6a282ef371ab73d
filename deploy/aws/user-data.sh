#!/bin/bash
# MiniTwit on one EC2 instance running Amazon Linux 2023: Java 17, a `minitwit` system user, the
# jar from S3, the database credentials from AWS Secrets Manager, and a hardened systemd service.
#
# minitwit.yaml's launch template exports the settings below and runs this file (fetched from S3
# next to the jar). To launch an instance by hand instead, paste this file as its user data and
# fill in the defaults of the settings. Either way the instance role must allow s3:GetObject on
# the jar and secretsmanager:GetSecretValue on the secret.
#
# No credential is written in this file or passed on a command line. The password is fetched from
# Secrets Manager before every start of the service into /run/minitwit (memory only, readable by
# the service alone), so a restart picks up a rotated password; a timer restarts the service when
# RDS has rotated it.
set -euo pipefail

# --- settings ----------------------------------------------------------------------------------
MINITWIT_JAR_S3_URI="${MINITWIT_JAR_S3_URI:-}"     # s3://bucket/key of target/minitwit.jar
MINITWIT_DB_SECRET_ID="${MINITWIT_DB_SECRET_ID:-}" # ARN of the RDS-managed secret {"username","password"}
DB_HOST="${DB_HOST:-}"                             # the RDS endpoint address
DB_PORT="${DB_PORT:-3306}"
DB_NAME="${DB_NAME:-minitwit}"
AWS_REGION="${AWS_REGION:-}"                       # empty: this instance's region
SERVER_PORT="${SERVER_PORT:-5000}"
# Peers trusted to name the client (X-Forwarded-For): the load balancer's network, as CIDR blocks.
MINITWIT_TRUSTED_PROXIES="${MINITWIT_TRUSTED_PROXIES:-127.0.0.0/8,::1/128}"
# How long to wait for the instance to report ready before this script fails (seconds).
MINITWIT_READY_TIMEOUT="${MINITWIT_READY_TIMEOUT:-600}"

for required in MINITWIT_JAR_S3_URI MINITWIT_DB_SECRET_ID DB_HOST; do
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

# --- packages and user -------------------------------------------------------------------------
# Headless: no GUI libraries on a server. jq reads the secret's JSON.
dnf install -y -q java-17-amazon-corretto-headless jq

if ! id minitwit >/dev/null 2>&1; then
	useradd --system --user-group --home-dir /var/lib/minitwit --no-create-home \
		--shell /usr/sbin/nologin minitwit
fi

# --- the jar -----------------------------------------------------------------------------------
# Root-owned and read-only to the service: a compromised process cannot replace its own code.
install -d -m 0755 -o root -g root /opt/minitwit /opt/minitwit/bin
aws s3 cp --only-show-errors --region "$AWS_REGION" "$MINITWIT_JAR_S3_URI" /opt/minitwit/minitwit.jar.part
install -m 0644 -o root -g root /opt/minitwit/minitwit.jar.part /opt/minitwit/minitwit.jar
rm -f /opt/minitwit/minitwit.jar.part

# --- settings file: everything but the credentials ---------------------------------------------
install -d -m 0750 -o root -g minitwit /etc/minitwit
cat > /etc/minitwit/minitwit.env <<EOF
DB_HOST=$DB_HOST
DB_PORT=$DB_PORT
DB_NAME=$DB_NAME
SERVER_PORT=$SERVER_PORT
MINITWIT_INSTANCE_ID=$INSTANCE_ID
MINITWIT_TRUSTED_PROXIES=$MINITWIT_TRUSTED_PROXIES
MINITWIT_DB_SECRET_ID=$MINITWIT_DB_SECRET_ID
AWS_REGION=$AWS_REGION
EOF
chown root:minitwit /etc/minitwit/minitwit.env
chmod 0640 /etc/minitwit/minitwit.env

# --- credentials from Secrets Manager ----------------------------------------------------------
# `fetch` (run by the service before each start, as minitwit) writes DB_USER and DB_PASSWD;
# `check` (run by the timer, as root) restarts the service once the secret has a new version.
cat > /opt/minitwit/bin/minitwit-db-credentials <<'EOF'
#!/bin/bash
set -euo pipefail
credentials=/run/minitwit/db-credentials.env
version_file=/run/minitwit/db-credentials.version

# A value for a systemd EnvironmentFile, double-quoted: \ " ` and $ are escaped, nothing expands.
systemd_quote() {
	local v=$1
	v=${v//\\/\\\\}
	v=${v//\"/\\\"}
	v=${v//\`/\\\`}
	v=${v//\$/\\\$}
	printf '"%s"' "$v"
}

get_secret() {
	aws secretsmanager get-secret-value --region "$AWS_REGION" --secret-id "$MINITWIT_DB_SECRET_ID" "$@"
}

case "${1:-}" in
fetch)
	umask 077
	# One read, so that the version recorded is the version of the password written.
	response=$(get_secret --output json)
	version=$(printf '%s' "$response" | jq -er .VersionId)
	user=$(printf '%s' "$response" | jq -er '.SecretString | fromjson | .username')
	passwd=$(printf '%s' "$response" | jq -er '.SecretString | fromjson | .password')
	tmp=$(mktemp "$credentials.XXXXXX")
	chmod 0600 "$tmp"
	printf 'DB_USER=%s\nDB_PASSWD=%s\n' "$(systemd_quote "$user")" "$(systemd_quote "$passwd")" > "$tmp"
	mv -f "$tmp" "$credentials"
	printf '%s\n' "$version" > "$version_file"
	;;
check)
	[ -f "$version_file" ] || exit 0
	if [ "$(get_secret --query VersionId --output text)" != "$(cat "$version_file")" ]; then
		echo "The database secret has a new version: restarting minitwit.service"
		systemctl try-restart minitwit.service
	fi
	;;
*)
	echo "usage: $0 fetch|check" >&2
	exit 2
	;;
esac
EOF
chmod 0755 /opt/minitwit/bin/minitwit-db-credentials

# --- systemd -----------------------------------------------------------------------------------
cat > /etc/systemd/system/minitwit.service <<'EOF'
[Unit]
Description=MiniTwit
Wants=network-online.target
After=network-online.target

[Service]
Type=exec
User=minitwit
Group=minitwit
EnvironmentFile=/etc/minitwit/minitwit.env
# Written by ExecStartPre just before the start; gone (with /run/minitwit) when the service stops.
EnvironmentFile=-/run/minitwit/db-credentials.env
RuntimeDirectory=minitwit
RuntimeDirectoryMode=0750
StateDirectory=minitwit
WorkingDirectory=/var/lib/minitwit
ExecStartPre=/opt/minitwit/bin/minitwit-db-credentials fetch
# Heap from the instance's memory, leaving room for the OS, metaspace and threads; after an
# OutOfMemoryError exit and let Restart= start a clean JVM.
ExecStart=/usr/bin/java -XX:MaxRAMPercentage=70 -XX:+ExitOnOutOfMemoryError -jar /opt/minitwit/minitwit.jar
# The JVM exits 143 after SIGTERM: a clean stop, not a failure.
SuccessExitStatus=143
Restart=on-failure
RestartSec=5s
# SIGTERM starts Spring's graceful shutdown (up to 30 s for requests in flight); kill only after.
TimeoutStopSec=45s
UMask=0077

NoNewPrivileges=true
ProtectSystem=strict
ProtectHome=true
PrivateTmp=true
PrivateDevices=true
ProtectKernelTunables=true
ProtectKernelModules=true
ProtectKernelLogs=true
ProtectControlGroups=true
ProtectClock=true
ProtectHostname=true
RestrictNamespaces=true
RestrictRealtime=true
RestrictSUIDSGID=true
LockPersonality=true
# AF_NETLINK: glibc's getaddrinfo asks the kernel for local addresses to order DNS answers.
RestrictAddressFamilies=AF_UNIX AF_INET AF_INET6 AF_NETLINK
CapabilityBoundingSet=
# ProtectSystem=strict leaves only these (and StateDirectory, RuntimeDirectory, the private /tmp)
# writable; the JIT needs writable+executable memory, so no MemoryDenyWriteExecute.
ReadWritePaths=/var/lib/minitwit /run/minitwit

[Install]
WantedBy=multi-user.target
EOF

cat > /etc/systemd/system/minitwit-credentials-check.service <<'EOF'
[Unit]
Description=Restart MiniTwit when RDS has rotated the database password
After=minitwit.service

[Service]
Type=oneshot
EnvironmentFile=/etc/minitwit/minitwit.env
ExecStart=/opt/minitwit/bin/minitwit-db-credentials check
EOF

# RDS rotates a managed master password every 7 days; pooled connections keep working for up to
# 10 minutes after. The random delay keeps two instances from restarting at the same moment.
cat > /etc/systemd/system/minitwit-credentials-check.timer <<'EOF'
[Unit]
Description=Check for a rotated MiniTwit database password

[Timer]
OnBootSec=5min
OnUnitActiveSec=5min
RandomizedDelaySec=3min

[Install]
WantedBy=timers.target
EOF

systemctl daemon-reload
systemctl enable --now minitwit.service minitwit-credentials-check.timer

# --- wait until it serves ----------------------------------------------------------------------
# Readiness includes the database, so success here means the whole path works.
deadline=$((SECONDS + MINITWIT_READY_TIMEOUT))
until curl -fsS -o /dev/null "http://127.0.0.1:$SERVER_PORT/actuator/health/readiness"; do
	if [ "$SECONDS" -ge "$deadline" ]; then
		echo "minitwit: not ready after $MINITWIT_READY_TIMEOUT s" >&2
		journalctl -u minitwit.service -n 50 --no-pager >&2 || true
		exit 1
	fi
	sleep 5
done
echo "minitwit: ready on port $SERVER_PORT"
