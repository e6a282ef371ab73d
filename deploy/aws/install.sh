#!/bin/bash
# Everything a MiniTwit instance needs, on Amazon Linux 2023: Java 25 (the jar is Java 17 bytecode;
# 25 starts it from an AOT cache recorded here), a `minitwit` system user, the application and the
# AWS-only libraries, the RDS certificate bundle as a trust store, the CloudWatch
# agent, the interruption watcher and the systemd units. Nothing here depends on a stack: the
# settings of one deployment are written at boot by minitwit-configure (user-data.sh).
#
# EC2 Image Builder runs this once to bake the image (minitwit.yaml's MiniTwitComponent); an
# instance started from a plain Amazon Linux image runs it at first boot instead (the quick try).
#   install.sh BUNDLE_DIR      the unpacked bundle of deploy/aws/package.sh
set -euo pipefail
bundle=${1:?usage: install.sh BUNDLE_DIR}
# The CA certificates of every RDS region, from the address the RDS documentation gives.
RDS_CA_BUNDLE_URL=${RDS_CA_BUNDLE_URL:-https://truststore.pki.rds.amazonaws.com/global/global-bundle.pem}

# --- packages and user -------------------------------------------------------------------------
# Headless: no GUI libraries on a server. logrotate keeps the log file that the agent ships small.
dnf install -y -q java-25-amazon-corretto-headless amazon-cloudwatch-agent logrotate

if ! id minitwit >/dev/null 2>&1; then
	useradd --system --user-group --home-dir /var/lib/minitwit --no-create-home \
		--shell /usr/sbin/nologin minitwit
fi

# --- the application ---------------------------------------------------------------------------
# Root-owned and read-only to the service: a compromised process cannot replace its own code.
install -d -m 0755 -o root -g root /opt/minitwit /opt/minitwit/bin /opt/minitwit/lib
rm -rf /opt/minitwit/app
java -Djarmode=tools -jar "$bundle/minitwit.jar" extract --destination /opt/minitwit/app
# The AWS Secrets Manager JDBC driver and the AWS SDK it uses: on the class path here only, so
# that MiniTwit itself (embedded database, compose) carries no AWS library.
rm -f /opt/minitwit/lib/*.jar
install -m 0644 -o root -g root "$bundle"/lib/*.jar /opt/minitwit/lib/
# What start-up loads, recorded for this java and this class path; /opt/minitwit/app/java.args
# starts the application with it.
bash "$bundle/aws/startup-cache.sh" /opt/minitwit/app /opt/minitwit/lib
install -m 0755 -o root -g root "$bundle/aws/user-data.sh" /opt/minitwit/bin/minitwit-configure
install -m 0755 -o root -g root "$bundle/aws/interruption-watcher.sh" /opt/minitwit/bin/minitwit-interruption-watcher

# The one command line of the JVM, for the service and for `initdb` alike.
cat > /opt/minitwit/bin/minitwit <<'EOF'
#!/bin/bash
# Heap from the instance's memory, leaving room for the OS, metaspace and threads; after an
# OutOfMemoryError exit and let systemd start a clean JVM. The JIT's freed working memory goes
# back to the operating system every 5 s.
exec /usr/bin/java -XX:MaxRAMPercentage=70 -XX:+ExitOnOutOfMemoryError -XX:TrimNativeHeapInterval=5000 \
	@/opt/minitwit/app/java.args "$@"
EOF
chmod 0755 /opt/minitwit/bin/minitwit

# --- the database link verifies the server -----------------------------------------------------
curl -fsS --retry 3 -o /opt/minitwit/rds-ca-bundle.pem "$RDS_CA_BUNDLE_URL"
bash "$bundle/aws/rds-truststore.sh" /opt/minitwit/rds-ca-bundle.pem /opt/minitwit/rds-truststore.p12

# --- settings of the image (those of one deployment come at boot, in minitwit.env) -------------
install -d -m 0750 -o root -g minitwit /etc/minitwit
cat > /etc/minitwit/image.env <<'EOF'
SERVER_PORT=5000
# Health, metrics and drain on their own port, which the load balancer never exposes.
MINITWIT_MANAGEMENT_PORT=8081
# One JSON object per line, for CloudWatch Logs.
MINITWIT_LOG_FORMAT=json
# TLS to RDS with the server's certificate and host name checked against the RDS CAs.
DB_JDBC_PROPERTIES=sslMode=VERIFY_IDENTITY&trustCertificateKeyStoreUrl=file:/opt/minitwit/rds-truststore.p12&trustCertificateKeyStoreType=PKCS12
EOF
chown root:minitwit /etc/minitwit/image.env
chmod 0640 /etc/minitwit/image.env

# --- logs: written by systemd, rotated by logrotate, shipped by the CloudWatch agent ------------
install -d -m 0750 -o root -g minitwit /var/log/minitwit
cat > /etc/logrotate.d/minitwit <<'EOF'
/var/log/minitwit/minitwit.log {
	daily
	maxsize 50M
	rotate 3
	compress
	missingok
	notifempty
	# systemd holds the file open (append): truncate it in place rather than moving it away.
	copytruncate
}
EOF

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
EnvironmentFile=/etc/minitwit/image.env
# Written at boot by minitwit-configure; it overrides the image's settings.
EnvironmentFile=/etc/minitwit/minitwit.env
StateDirectory=minitwit
WorkingDirectory=/var/lib/minitwit
ExecStart=/opt/minitwit/bin/minitwit
# The JSON log lines go to a file, which the CloudWatch agent ships.
StandardOutput=append:/var/log/minitwit/minitwit.log
StandardError=inherit
# The JVM exits 143 after SIGTERM: a clean stop, not a failure.
SuccessExitStatus=143
Restart=on-failure
RestartSec=5s
# SIGTERM turns readiness down for minitwit.drain.before-shutdown, then starts Spring's graceful
# shutdown (spring.lifecycle.timeout-per-shutdown-phase for the requests in flight); kill only well
# after both.
TimeoutStopSec=30s
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
# ProtectSystem=strict leaves only this (and StateDirectory, the private /tmp) writable; the JIT
# needs writable+executable memory, so no MemoryDenyWriteExecute.
ReadWritePaths=/var/lib/minitwit

[Install]
WantedBy=multi-user.target
EOF

# `initdb` with the service's user, settings and confinement: `systemctl start minitwit-initdb`
# (what the stack's SSM document runs) waits for it, and its output is in the journal.
cat > /etc/systemd/system/minitwit-initdb.service <<'EOF'
[Unit]
Description=MiniTwit initdb: drop every MiniTwit table and recreate the schema
Wants=network-online.target
After=network-online.target

[Service]
Type=oneshot
User=minitwit
Group=minitwit
EnvironmentFile=/etc/minitwit/image.env
EnvironmentFile=/etc/minitwit/minitwit.env
WorkingDirectory=/var/lib/minitwit
ExecStart=/opt/minitwit/bin/minitwit initdb
NoNewPrivileges=true
ProtectSystem=strict
ProtectHome=true
PrivateTmp=true
CapabilityBoundingSet=
EOF

cat > /etc/systemd/system/minitwit-interruption-watcher.service <<'EOF'
[Unit]
Description=Drain MiniTwit before a Spot interruption or a termination by the Auto Scaling group
After=minitwit.service

[Service]
Type=simple
EnvironmentFile=/etc/minitwit/image.env
EnvironmentFile=/etc/minitwit/minitwit.env
ExecStart=/opt/minitwit/bin/minitwit-interruption-watcher
# Root: it stops minitwit.service. It ends after draining once, and is not started again.
Restart=on-failure
RestartSec=5s
NoNewPrivileges=true
ProtectSystem=strict
ProtectHome=true
PrivateTmp=true

[Install]
WantedBy=multi-user.target
EOF

# Enabled by minitwit-configure, once minitwit.env exists: an image must not start them at its
# first boot without a configuration.
systemctl daemon-reload
echo "minitwit: installed"
