package org.minitwit.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Processes the fault tests start: killed by signal, stopped gracefully, and killed in
 * any case when the test JVM exits, so that a failed or interrupted test leaves nothing
 * running.
 */
public final class Processes {

	private static final Set<Process> started = ConcurrentHashMap.newKeySet();

	static {
		Runtime.getRuntime().addShutdownHook(new Thread(() -> started.forEach(Process::destroyForcibly)));
	}

	private Processes() {
	}

	/**
	 * A port nothing listens on at the moment, from the range the fault tests keep to
	 * (16003-16099; ClusterFaultsIT has 16000-16002), so that they stay apart from
	 * whatever else runs here.
	 */
	public static int freePort() {
		// from a random place in the range: two runs side by side seldom try the same
		// port at once
		int first = ThreadLocalRandom.current().nextInt(97);
		for (int i = 0; i < 97; i++) {
			int port = 16003 + (first + i) % 97;
			try (var socket = new ServerSocket(port)) {
				return port;
			}
			catch (IOException ex) {
				// taken; the next one
			}
		}
		throw new IllegalStateException("No free port in 16003-16099");
	}

	public static void killOnExit(Process process) {
		started.add(process);
	}

	/** SIGKILL, and waits until it is gone. */
	public static void kill(Process process) {
		if (process == null) {
			return;
		}
		process.destroyForcibly();
		await(process, Duration.ofSeconds(30));
		started.remove(process);
	}

	/** SIGTERM; SIGKILL if it has not exited within {@code grace}. */
	public static void stop(Process process, Duration grace) {
		if (process == null) {
			return;
		}
		process.destroy();
		if (!await(process, grace)) {
			process.destroyForcibly();
			await(process, Duration.ofSeconds(30));
		}
		started.remove(process);
	}

	public static void sleep(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted", ex);
		}
	}

	private static boolean await(Process process, Duration timeout) {
		try {
			return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

}
