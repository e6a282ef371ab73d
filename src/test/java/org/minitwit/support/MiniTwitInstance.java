package org.minitwit.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.fail;

/**
 * The built jar, {@code target/minitwit.jar}, running as a server the way the operator
 * runs it (the JVM options of scripts/cluster.sh), for tests that break things around it:
 * its log goes to {@code target/faults/<name>.log}, its threads and memory are read from
 * /proc.
 */
public final class MiniTwitInstance implements AutoCloseable {

	/** The heap limit scripts/cluster.sh gives each instance. */
	public static final String MAX_HEAP = "-Xmx256m";

	private static final Path JAR = Path.of("target", "minitwit.jar");

	private static final Path LOGS = Path.of("target", "faults");

	private static final Pattern STATUS_LINE = Pattern.compile("^(\\w+):\\s+(\\d+)", Pattern.MULTILINE);

	private final String name;

	private final int port;

	private final Path log;

	private final Process process;

	private MiniTwitInstance(String name, int port, Path log, Process process) {
		this.name = name;
		this.port = port;
		this.log = log;
		this.process = process;
	}

	/**
	 * Starts the jar with these {@code DB_*} variables on a free port and waits until it
	 * is ready.
	 */
	public static MiniTwitInstance start(String name, Map<String, String> database) {
		if (!Files.isRegularFile(JAR)) {
			fail(JAR + " is missing: the fault tests are integration tests, run by `./mvnw verify` after package");
		}
		int port = Processes.freePort();
		try {
			Files.createDirectories(LOGS);
			var log = LOGS.resolve(name + ".log");
			Files.deleteIfExists(log);
			var command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xms64m",
					MAX_HEAP, "-XX:+UseSerialGC", "-jar", JAR.toString());
			var builder = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true)
				.redirectOutput(log.toFile());
			builder.environment()
				.keySet()
				.removeIf(variable -> variable.startsWith("DB_") || variable.startsWith("SPRING_")
						|| variable.startsWith("MINITWIT_") || variable.equals("SERVER_PORT"));
			builder.environment().putAll(database);
			builder.environment().put("SERVER_PORT", String.valueOf(port));
			builder.environment().put("MINITWIT_INSTANCE_ID", name);
			var process = builder.start();
			Processes.killOnExit(process);
			var instance = new MiniTwitInstance(name, port, log, process);
			instance.awaitReady(Duration.ofSeconds(90));
			return instance;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public URI uri() {
		return URI.create("http://127.0.0.1:" + port + "/");
	}

	public long pid() {
		return process.pid();
	}

	public boolean isAlive() {
		return process.isAlive();
	}

	/** The JVM's threads now, from /proc. */
	public int threads() {
		return (int) procStatus("Threads");
	}

	/** The resident memory of the JVM now, in MiB, from /proc. */
	public long residentMib() {
		return procStatus("VmRSS") / 1024;
	}

	public String log() {
		try {
			return Files.readString(log);
		}
		catch (IOException ex) {
			return "(no log: " + ex + ")";
		}
	}

	/** The last lines of the log, for a failure message. */
	public String logTail(int lines) {
		var all = log().lines().toList();
		return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
	}

	@Override
	public void close() {
		Processes.stop(process, Duration.ofSeconds(30));
	}

	private void awaitReady(Duration timeout) {
		var http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
		var readiness = HttpRequest.newBuilder(uri().resolve("/actuator/health/readiness"))
			.timeout(Duration.ofSeconds(5))
			.build();
		long deadline = System.nanoTime() + timeout.toNanos();
		while (true) {
			try {
				if (http.send(readiness, BodyHandlers.discarding()).statusCode() == 200) {
					return;
				}
			}
			catch (IOException ex) {
				// not listening yet
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
			if (!process.isAlive() || System.nanoTime() > deadline) {
				close();
				fail("MiniTwit %s was not ready within %s; its log:%n%s", name, timeout, logTail(60));
			}
			Processes.sleep(Duration.ofMillis(200));
		}
	}

	private long procStatus(String field) {
		try {
			var matcher = STATUS_LINE.matcher(Files.readString(Path.of("/proc", String.valueOf(pid()), "status")));
			while (matcher.find()) {
				if (matcher.group(1).equals(field)) {
					return Long.parseLong(matcher.group(2));
				}
			}
			return -1;
		}
		catch (IOException ex) {
			return -1;
		}
	}

}
