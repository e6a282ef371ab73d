# syntax=docker/dockerfile:1
#
# MiniTwit image: build the jar with the project's own Maven wrapper, then run it on a JRE only.
#   docker build -t minitwit .
#   docker run --rm -p 5000:5000 -e DB_HOST=... -e DB_NAME=... -e DB_USER=... -e DB_PASSWD=... minitwit
# Without DB_HOST the container uses the embedded database under /app/data (mount a volume there
# to keep it). `docker run --rm minitwit initdb` runs the sub-command instead of the server (the
# arguments follow the ENTRYPOINT), and so does `docker compose run --rm app1 initdb`.

# Ubuntu (noble) rather than Alpine: Temurin 17 on Alpine is x86-64 only, and the image must also
# build on arm64 laptops and Graviton instances.
FROM eclipse-temurin:17-jdk-noble AS build
WORKDIR /build
COPY mvnw pom.xml ./
COPY .mvn .mvn
COPY src/main src/main
# The cache mount keeps Maven itself (the wrapper downloads it into ~/.m2) and the dependencies
# between builds without baking them into a layer. Tests are run by `./mvnw verify`, not here.
RUN --mount=type=cache,target=/root/.m2 \
    ./mvnw -B -q package -Dmaven.test.skip=true
# Layers ordered from least to most often changed, so a code change rebuilds only the last ones.
RUN java -Djarmode=tools -jar target/minitwit.jar extract --layers --destination extracted

# The jar is Java 17 bytecode; it runs on Java 25 here for the AOT cache below, which starts it in
# a fraction of the time (bench/README.md).
FROM eclipse-temurin:25-jre-noble
# The health check below relies on curl; fail the build here rather than ship a container that can
# never report healthy if a future base image drops it.
RUN curl --version >/dev/null \
 && groupadd --gid 10001 minitwit \
 && useradd --uid 10001 --gid minitwit --no-create-home --home-dir /nonexistent \
        --shell /usr/sbin/nologin minitwit \
 && mkdir -p /app/data \
 && chown minitwit:minitwit /app/data
WORKDIR /app
# Owned by root and read-only to the app: a compromised process cannot rewrite its own code.
COPY --from=build /build/extracted/dependencies/ ./
COPY --from=build /build/extracted/snapshot-dependencies/ ./
COPY --from=build /build/extracted/application/ ./
# What start-up loads, recorded once for this java and this class path (scripts/startup-cache.sh);
# it needs no database, and /app/java.args starts the application with it.
COPY scripts/startup-cache.sh /usr/local/bin/
RUN startup-cache.sh /app

# Numeric, so that orchestrators enforcing "run as non-root" can verify it without /etc/passwd.
USER 10001:10001
ENV SERVER_PORT=5000
# Heap sized from the container's memory limit, leaving room for metaspace, threads and buffers.
# An OutOfMemoryError leaves a JVM in an unknown state: exit and let the restart policy replace it.
# The JIT's freed working memory goes back to the operating system every 5 s (the C library
# would keep it). Override the whole variable to tune (it is read by the java launcher only).
ENV JDK_JAVA_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError -XX:TrimNativeHeapInterval=5000"
EXPOSE 5000
# Readiness, not liveness: it is down while the database is unreachable, which is what
# `depends_on: condition: service_healthy` and humans reading `docker ps` want to know. /readyz is
# on the application port also when MINITWIT_MANAGEMENT_PORT moves the actuator elsewhere.
HEALTHCHECK --interval=10s --timeout=3s --start-period=90s --retries=3 \
    CMD curl -fsS -o /dev/null "http://127.0.0.1:${SERVER_PORT:-5000}/readyz" || exit 1
# Exec form: java is PID 1 and receives SIGTERM itself, so Spring's graceful shutdown runs.
ENTRYPOINT ["java", "@/app/java.args"]
