#!/bin/bash
# The bundle an AWS instance is built from, target/minitwit-aws.tar.gz:
#   minitwit.jar      the application (built here if missing)
#   lib/              the AWS-only libraries of deploy/aws/lib/pom.xml
#   aws/              install.sh, user-data.sh, interruption-watcher.sh, rds-truststore.sh,
#                     startup-cache.sh
# EC2 Image Builder unpacks it and runs aws/install.sh (deploy/README.md).
set -euo pipefail
cd "$(dirname "$0")/../.."

[ -f target/minitwit.jar ] || ./mvnw -B -q package -DskipTests
staging=target/aws-bundle
rm -rf "$staging"
mkdir -p "$staging/aws"
./mvnw -B -q -f deploy/aws/lib/pom.xml dependency:copy-dependencies -DincludeScope=runtime \
	-DoutputDirectory="$PWD/$staging/lib"
cp target/minitwit.jar "$staging/"
cp deploy/aws/install.sh deploy/aws/user-data.sh deploy/aws/interruption-watcher.sh deploy/aws/rds-truststore.sh \
	scripts/startup-cache.sh "$staging/aws/"
tar -C "$staging" -czf target/minitwit-aws.tar.gz .
echo "target/minitwit-aws.tar.gz: $(du -h target/minitwit-aws.tar.gz | cut -f1)"
