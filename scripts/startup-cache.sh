#!/usr/bin/env bash
# Makes MiniTwit start faster on the java it finds (JAVA, else the PATH's): starts the extracted
# application once to record what start-up loads, and writes the arguments that start it with that
# record: an AOT cache on Java 25 and later, a class-data-sharing archive on Java 17 to 24.
#
#   java -Djarmode=tools -jar minitwit.jar extract --destination DIR
#   scripts/startup-cache.sh DIR [LIB_DIR]
#   java [JVM options] @DIR/java.args [initdb] [--spring.property=value ...]
#
# LIB_DIR adds the jars in it to the class path (the AWS image's Secrets Manager driver). The record
# holds only for this java and this class path: make it again whenever either changes, as the image
# builds do. The recording run uses the embedded database in a scratch directory and exits as soon as
# the application context is up, so it needs no database and serves nothing.
set -euo pipefail
dir=$(cd "${1:?usage: startup-cache.sh DIR [LIB_DIR]}" && pwd)
lib=${2:-}
java=${JAVA:-java}

classpath=$dir/minitwit.jar
[ -f "$classpath" ] || { echo "startup-cache: no $classpath (extract the jar there first)" >&2; exit 2; }
if [ -n "$lib" ]; then
	for extra in $(find "$(cd "$lib" && pwd)" -maxdepth 1 -name '*.jar' | sort); do classpath+=:$extra; done
fi
feature=$("$java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
if [ "${feature%%.*}" -ge 25 ]; then
	record=-XX:AOTCacheOutput=$dir/minitwit.aot use=-XX:AOTCache=$dir/minitwit.aot
else
	record=-XX:ArchiveClassesAtExit=$dir/minitwit.jsa use=-XX:SharedArchiveFile=$dir/minitwit.jsa
fi
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
(cd "$scratch" && env -u DB_HOST -u SERVER_PORT "$java" "$record" -Dspring.context.exit=onRefresh \
	-cp "$classpath" org.minitwit.MiniTwitApplication --server.port=0 --logging.level.root=WARN) >"$scratch/record.log" 2>&1 ||
	{ cat "$scratch/record.log" >&2; exit 1; }
printf '%s\n' "$use" -cp "$classpath" org.minitwit.MiniTwitApplication >"$dir/java.args"
echo "startup-cache: $("$java" -version 2>&1 | head -1); start with: java @$dir/java.args"
