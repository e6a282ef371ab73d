package org.minitwit.support;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.fail;

/**
 * MiniTwit run as the operator runs it: {@code org.minitwit.MiniTwitApplication} in a JVM
 * of its own, in a chosen working directory and environment. The environment loses every
 * {@code DB_*}, {@code SPRING_*} and {@code SERVER_PORT} variable of the shell, so only
 * what a test sets selects the database.
 */
public final class MiniTwitProcess {

	private final Path workingDirectory;

	private final Map<String, String> environment = new HashMap<>();

	private MiniTwitProcess(Path workingDirectory) {
		this.workingDirectory = workingDirectory;
	}

	public static MiniTwitProcess in(Path workingDirectory) {
		return new MiniTwitProcess(workingDirectory);
	}

	public MiniTwitProcess env(Map<String, String> variables) {
		environment.putAll(variables);
		return this;
	}

	public MiniTwitProcess env(String name, String value) {
		environment.put(name, value);
		return this;
	}

	/**
	 * Runs to its end, or kills it (and any child) after {@code timeout} and fails the
	 * test.
	 */
	public Result run(Duration timeout, String... arguments) {
		Path stdout = null;
		Path stderr = null;
		Process process = null;
		try {
			stdout = Files.createTempFile("minitwit-stdout", ".log");
			stderr = Files.createTempFile("minitwit-stderr", ".log");
			var builder = new ProcessBuilder(command(arguments)).directory(workingDirectory.toFile())
				.redirectOutput(stdout.toFile())
				.redirectError(stderr.toFile());
			builder.environment()
				.keySet()
				.removeIf(name -> name.startsWith("DB_") || name.startsWith("SPRING_") || name.equals("SERVER_PORT"));
			builder.environment().putAll(environment);
			long started = System.nanoTime();
			process = builder.start();
			boolean exited = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
			var elapsed = Duration.ofNanos(System.nanoTime() - started);
			if (!exited) {
				kill(process);
				return fail("MiniTwit %s did not exit within %s; output:%n%s%s", List.of(arguments), timeout,
						Files.readString(stdout, StandardCharsets.UTF_8),
						Files.readString(stderr, StandardCharsets.UTF_8));
			}
			return new Result(process.exitValue(), Files.readString(stdout, StandardCharsets.UTF_8),
					Files.readString(stderr, StandardCharsets.UTF_8), elapsed);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while MiniTwit ran", ex);
		}
		finally {
			if (process != null && process.isAlive()) {
				kill(process);
			}
			delete(stdout);
			delete(stderr);
		}
	}

	private static List<String> command(String... arguments) {
		var command = new ArrayList<String>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		// Start-up speed over peak speed: these processes live for seconds.
		command.add("-XX:TieredStopAtLevel=1");
		command.add("-cp");
		command.add(applicationClassPath());
		command.add("org.minitwit.MiniTwitApplication");
		command.addAll(List.of(arguments));
		return command;
	}

	/**
	 * This test run's class path without the test classes: their config/application.yml
	 * points every datasource at an in-memory database, which would hide the app's own
	 * configuration. (Test-only libraries stay; nothing of theirs takes part in the app's
	 * start-up.)
	 */
	private static String applicationClassPath() {
		try {
			var testClasses = Path
				.of(MiniTwitProcess.class.getProtectionDomain().getCodeSource().getLocation().toURI());
			return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
				.filter(entry -> !Path.of(entry).toAbsolutePath().equals(testClasses))
				.collect(Collectors.joining(File.pathSeparator));
		}
		catch (URISyntaxException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static void kill(Process process) {
		process.descendants().forEach(ProcessHandle::destroyForcibly);
		process.destroyForcibly();
		try {
			process.waitFor(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static void delete(Path file) {
		if (file != null) {
			try {
				Files.deleteIfExists(file);
			}
			catch (IOException ex) {
				// a leftover temporary file is no reason to fail a test
			}
		}
	}

	/** A port nothing listens on at the moment. */
	public static int freePort() {
		try (var socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** How the process ended. */
	public record Result(int exitCode, String stdout, String stderr, Duration elapsed) {

		/** Both streams, for checks that do not care where a line went. */
		public String output() {
			return stdout + stderr;
		}

		@Override
		public String toString() {
			return "exit code " + exitCode + " after " + elapsed.toMillis() + " ms\n--- stdout:\n" + stdout
					+ "--- stderr:\n" + stderr;
		}

	}

}
