package org.minitwit.support;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The deployment on this machine, as scripts/cluster.sh starts it: two instances of the
 * built jar behind HAProxy, on a test's own ports, database and state directory
 * ({@code target/<name>}). The script's output goes through a file: the processes it
 * leaves running must not hold a pipe of the test open.
 */
public final class Cluster {

	private final String name;

	private final int balancerPort;

	private final int app1Port;

	private final int app2Port;

	private final Map<String, String> environment;

	private final Duration timeout;

	/**
	 * @param environment the database's variables and anything more for the script or the
	 * instances
	 */
	public Cluster(String name, int balancerPort, int app1Port, int app2Port, Map<String, String> environment,
			Duration timeout) {
		this.name = name;
		this.balancerPort = balancerPort;
		this.app1Port = app1Port;
		this.app2Port = app2Port;
		this.environment = environment;
		this.timeout = timeout;
	}

	public Path state() {
		return Path.of("target", name);
	}

	public URI balancer() {
		return URI.create("http://127.0.0.1:" + balancerPort + "/");
	}

	/** Instance 1 or 2, not through the balancer. */
	public URI instance(int number) {
		return URI.create("http://127.0.0.1:" + (number == 1 ? app1Port : app2Port) + "/");
	}

	/**
	 * What scripts/cluster.sh needs to find this cluster: also for a command of the
	 * test's own that runs the script, such as the interruption watcher's stop command.
	 */
	public Map<String, String> scriptEnvironment() {
		var variables = new HashMap<>(environment);
		variables.putAll(Map.of("LB_PORT", String.valueOf(balancerPort), "APP1_PORT", String.valueOf(app1Port),
				"APP2_PORT", String.valueOf(app2Port), "CLUSTER_STATE", state().toString()));
		return variables;
	}

	/** Runs scripts/cluster.sh with these arguments and prints what it says. */
	public void run(String... arguments) {
		var command = new ArrayList<>(List.of("scripts/cluster.sh"));
		command.addAll(List.of(arguments));
		var output = state().resolveSibling(name + ".out");
		var process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
		process.environment().putAll(scriptEnvironment());
		try {
			Files.createDirectories(state());
			var running = process.start();
			if (!running.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
				running.destroyForcibly();
				throw new AssertionError("scripts/cluster.sh " + String.join(" ", arguments) + " did not finish");
			}
			Files.readAllLines(output).forEach(System.out::println);
			if (running.exitValue() != 0) {
				throw new AssertionError("scripts/cluster.sh " + String.join(" ", arguments)
						+ " failed; instance logs:\n" + instanceLogs());
			}
		}
		catch (IOException ex) {
			throw new AssertionError("cannot run scripts/cluster.sh", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError("interrupted", ex);
		}
	}

	/**
	 * Waits until the balancer sends requests to both instances: HAProxy takes an
	 * instance in after two good checks, and a loaded machine may take longer.
	 */
	public void awaitServedByBoth(Duration patience) {
		long deadline = System.nanoTime() + patience.toNanos();
		var served = new HashSet<String>();
		while (served.size() < 2 && System.nanoTime() < deadline) {
			served.add(new Browser(balancer()).get("/public").header("X-MiniTwit-Instance"));
			Processes.sleep(Duration.ofMillis(100));
		}
		assertThat(served).as("instances serving through the balancer").contains("app1", "app2");
	}

	/** SIGKILL, as the Spot reclaim or the OOM killer would: no graceful shutdown. */
	public void kill(int number) throws IOException {
		long pid = Long.parseLong(Files.readString(state().resolve("app" + number + ".pid")).strip());
		var process = ProcessHandle.of(pid).orElseThrow(() -> new AssertionError("app" + number + " is not running"));
		process.destroyForcibly();
		process.onExit().orTimeout(30, TimeUnit.SECONDS).join();
	}

	/** The last lines of each instance's log, for a failure message. */
	public String instanceLogs() throws IOException {
		var logs = new StringBuilder();
		for (String log : List.of("app1.log", "app2.log")) {
			var file = state().resolve(log);
			if (Files.exists(file)) {
				var lines = Files.readAllLines(file);
				logs.append("== ").append(log).append('\n');
				lines.subList(Math.max(0, lines.size() - 40), lines.size())
					.forEach(line -> logs.append(line).append('\n'));
			}
		}
		return logs.toString();
	}

}
