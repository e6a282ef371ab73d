package org.minitwit;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.io.TempDir;
import org.minitwit.support.Browser;
import org.minitwit.support.Cluster;
import org.minitwit.support.MySqlServer;
import org.minitwit.support.MySqlTestDatabase;
import org.minitwit.support.Page;
import org.minitwit.support.StandInInstanceMetadata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.minitwit.support.StandInInstanceMetadata.answer;

/**
 * A Spot interruption of one instance of the local cluster (scripts/cluster.sh: two
 * instances, each with its management port, behind HAProxy) while users keep working
 * through the balancer. The interruption watcher of deploy/aws reads a stand-in for the
 * instance metadata service, which announces the interruption to app1: the watcher drains
 * app1, waits until the balancer has stopped sending it requests, stops it and completes
 * the lifecycle action. HAProxy is told not to retry (MINITWIT_LB_RETRIES=0), as the
 * Application Load Balancer does not: a request sent to app1 after its stop began would
 * fail. No request may fail, and none may reach app1 once its stop has begun.
 */
@EnabledIfEnvironmentVariable(named = "MINITWIT_CLUSTER_TEST", matches = "true",
		disabledReason = "needs HAProxy and a MySQL: set MINITWIT_CLUSTER_TEST=true (as .ci/run does)")
class SpotInterruptionIT {

	private static final int LB_PORT = 15100;

	private static final int APP1_PORT = 15101;

	private static final int APP2_PORT = 15102;

	private static final int APP1_MANAGEMENT_PORT = 15181;

	private static final int APP2_MANAGEMENT_PORT = 15182;

	private static final String PASSWORD = "spot-password";

	private static MySqlTestDatabase database;

	private static Cluster cluster;

	@TempDir
	Path bin;

	/** When app1's stop began (System.nanoTime), once it has. */
	private final AtomicLong stopBegan = new AtomicLong();

	@BeforeAll
	static void startCluster() {
		database = MySqlServer.require().createDatabase();
		cluster = new Cluster("cluster-spot", LB_PORT, APP1_PORT, APP2_PORT, clusterEnvironment(),
				Duration.ofMinutes(10));
		cluster.run("up");
	}

	@AfterAll
	static void stopCluster() {
		try {
			cluster.run("down");
		}
		finally {
			database.close();
		}
	}

	@Test
	void aSpotInterruptionOfOneInstanceUnderLoadFailsNoRequest() throws Exception {
		StandInInstanceMetadata metadata = standInMetadataService();
		Path awsCalls = bin.resolve("aws-calls");
		Path aws = bin.resolve("aws");
		Files.writeString(aws, "#!/bin/bash\necho \"aws $*\" >> " + awsCalls + "\n");
		Files.setPosixFilePermissions(aws, PosixFilePermissions.fromString("rwxr-xr-x"));

		var stop = new AtomicBoolean();
		var sent = new AtomicInteger();
		var failures = new ConcurrentLinkedQueue<String>();
		var servedBy = new ConcurrentHashMap<String, Integer>();
		var app1AfterItsStop = new ConcurrentLinkedQueue<String>();
		var browsers = new ArrayList<Browser>();
		var usernames = new ArrayList<String>();
		for (int client = 0; client < 4; client++) {
			var browser = new Browser(URI.create("http://127.0.0.1:" + LB_PORT + "/"));
			String username = "spot" + client + "-" + System.nanoTime();
			assertThat(browser.signUp(username, username + "@example.com", PASSWORD, PASSWORD).redirectTarget())
				.isEqualTo("/login");
			assertThat(browser.signIn(username, PASSWORD).redirectTarget()).isEqualTo("/");
			browsers.add(browser);
			usernames.add(username);
		}
		cluster.awaitServedByBoth(Duration.ofSeconds(60));
		var clients = Executors.newFixedThreadPool(4);
		for (int client = 0; client < 4; client++) {
			var browser = browsers.get(client);
			String username = usernames.get(client);
			clients.submit(() -> {
				for (int n = 0; !stop.get(); n++) {
					String name = switch (n % 3) {
						case 0 -> "GET /public";
						case 1 -> "GET /";
						default -> "POST /add_message";
					};
					long started = System.nanoTime();
					sent.incrementAndGet();
					try {
						Page page = switch (n % 3) {
							case 0 -> browser.get("/public");
							case 1 -> browser.get("/");
							default -> browser.share(username + " posts " + System.nanoTime());
						};
						int expected = name.startsWith("POST") ? 302 : 200;
						String instance = String.valueOf(page.header("X-MiniTwit-Instance"));
						servedBy.merge(instance, 1, Integer::sum);
						if (page.status() != expected) {
							failures.add(name + " answered " + page.status() + " by " + instance);
						}
						long stopAt = stopBegan.get();
						if ("app1".equals(instance) && stopAt != 0 && started > stopAt) {
							app1AfterItsStop.add(name);
						}
					}
					catch (AssertionError | RuntimeException ex) {
						failures.add(name + ": " + ex.getMessage());
					}
				}
			});
		}

		Process watcher = null;
		try {
			Thread.sleep(2000);
			assertThat(servedBy).as("instances serving the load").containsKeys("app1", "app2");
			watcher = startWatcher(metadata);
			Thread.sleep(2000);
			assertThat(watcher.isAlive()).as("the watcher waits for a notice").isTrue();
			long announced = System.nanoTime();
			metadata.announceSpotInterruption(
					"{\"action\": \"terminate\", \"time\": \"" + Instant.now().plusSeconds(120) + "\"}");
			assertThat(watcher.waitFor(90, TimeUnit.SECONDS)).as("the watcher finished within the two minutes")
				.isTrue();
			long finished = System.nanoTime();
			Thread.sleep(3000);
			stop.set(true);
			clients.shutdown();
			assertThat(clients.awaitTermination(60, TimeUnit.SECONDS)).isTrue();

			String log = Files.readString(bin.resolve("watcher.log"));
			System.out.print(log);
			System.out.printf(
					"spot: notice to app1; the watcher was done %d s later; %d requests sent, %d failed, "
							+ "served by %s; requests to app1 begun after its stop: %d%n",
					TimeUnit.NANOSECONDS.toSeconds(finished - announced), sent.get(), failures.size(), servedBy,
					app1AfterItsStop.size());
			assertThat(watcher.exitValue()).as(log).isZero();
			assertThat(failures).as("requests that failed during the interruption").isEmpty();
			assertThat(app1AfterItsStop).as("requests that reached app1 after its stop began").isEmpty();
			assertThat(servedBy).containsKeys("app1", "app2");
			assertThat(Files.readString(awsCalls)).contains("aws autoscaling complete-lifecycle-action")
				.contains("--auto-scaling-group-name minitwit-app")
				.contains("--instance-id i-0app1")
				.contains("--lifecycle-action-result CONTINUE");
			assertThat(metadata.requestsWithoutToken()).as("metadata requests without an IMDSv2 token").isZero();
			assertThat(reachable(new Browser(URI.create("http://127.0.0.1:" + APP1_PORT + "/"), Duration.ofSeconds(2))))
				.as("app1 is stopped")
				.isFalse();
		}
		finally {
			stop.set(true);
			clients.shutdownNow();
			if (watcher != null) {
				watcher.destroyForcibly();
			}
			metadata.close();
		}
	}

	private StandInInstanceMetadata standInMetadataService() throws IOException {
		var metadata = StandInInstanceMetadata.start("i-0app1");
		// Called by the watcher's stop command just before it stops app1: the group's
		// termination hook, which it completes afterwards, is called about then after a
		// Spot notice.
		metadata.route("/stop-begins", exchange -> {
			stopBegan.set(System.nanoTime());
			metadata.lifecycleState("Terminated");
			answer(exchange, 200, "");
		});
		return metadata;
	}

	private Process startWatcher(StandInInstanceMetadata metadata) throws IOException {
		String standIn = metadata.url("");
		var builder = new ProcessBuilder("bash", "deploy/aws/interruption-watcher.sh").redirectErrorStream(true)
			.redirectOutput(bin.resolve("watcher.log").toFile());
		var environment = builder.environment();
		environment.putAll(cluster.scriptEnvironment());
		environment.put("PATH", bin + ":" + environment.get("PATH"));
		environment.put("IMDS_ENDPOINT", standIn);
		environment.put("MINITWIT_MANAGEMENT_URL", "http://127.0.0.1:" + APP1_MANAGEMENT_PORT);
		environment.put("MINITWIT_WATCH_INTERVAL", "1");
		// HAProxy checks every second and takes an instance out after two failures.
		environment.put("MINITWIT_LB_DETECT_SECONDS", "3");
		environment.put("MINITWIT_DRAIN_QUIET_SECONDS", "2");
		environment.put("MINITWIT_STOP_COMMAND",
				"curl -fsS -o /dev/null -X POST " + standIn + "/stop-begins && scripts/cluster.sh stop 1");
		environment.put("MINITWIT_ASG_NAME", "minitwit-app");
		environment.put("MINITWIT_LIFECYCLE_HOOK", "minitwit-drain");
		return builder.start();
	}

	private static boolean reachable(Browser browser) {
		try {
			browser.get("/readyz");
			return true;
		}
		catch (AssertionError | RuntimeException ex) {
			return false;
		}
	}

	private static Map<String, String> clusterEnvironment() {
		var environment = new HashMap<>(database.environment());
		environment.putAll(Map.of("LB_PORT", String.valueOf(LB_PORT), "APP1_PORT", String.valueOf(APP1_PORT),
				"APP2_PORT", String.valueOf(APP2_PORT), "APP1_MANAGEMENT_PORT", String.valueOf(APP1_MANAGEMENT_PORT),
				"APP2_MANAGEMENT_PORT", String.valueOf(APP2_MANAGEMENT_PORT),
				// a machine shared with other builds may take minutes to start a JVM
				"READY_TIMEOUT", "240",
				// No retry of a request whose instance has gone, as the AWS load
				// balancer: without
				// the drain, requests sent to the stopping instance would fail.
				"MINITWIT_LB_RETRIES", "0"));
		return environment;
	}

}
