package org.minitwit.support;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Processes the fault tests start: killed by signal, stopped gracefully, and killed in any case
 * when the test JVM exits, so that a failed or interrupted test leaves nothing running.
 */
public final class Processes {

	private static final Set<Process> started = ConcurrentHashMap.newKeySet();

	static {
		Runtime.getRuntime().addShutdownHook(new Thread(() -> started.forEach(Process::destroyForcibly)));
	}

	private Processes() {
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
