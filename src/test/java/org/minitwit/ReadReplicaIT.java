package org.minitwit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.minitwit.support.Browser;
import org.minitwit.support.Cluster;
import org.minitwit.support.MariaDbReplication;
import org.minitwit.support.MySqlTestDatabase;
import org.minitwit.support.Page;
import org.minitwit.support.Processes;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reads on a read replica, for real: two MariaDB servers, the second a GTID replica of
 * the first, and two instances of the built jar behind HAProxy reading from the replica.
 * Every write is acknowledged by one instance and checked on the writer's very next page,
 * which the balancer sends to the other: while the replica keeps up, while it stops
 * applying what it receives, and while it is killed and started again under load. Nothing
 * acknowledged is lost, nobody sees an error page, and reads go back to the replica once
 * it is well.
 */
@EnabledIfEnvironmentVariable(named = "MINITWIT_CLUSTER_TEST", matches = "true",
		disabledReason = "needs HAProxy and MariaDB's server binary: set MINITWIT_CLUSTER_TEST=true (as .ci/run does)")
@TestMethodOrder(OrderAnnotation.class)
class ReadReplicaIT {

	private static final String PASSWORD = "replica-password";

	/** Longer than the pin window and a lag check: the fallback has certainly begun. */
	private static final Duration SETTLE = Duration.ofSeconds(7);

	private static MariaDbReplication databases;

	private static MySqlTestDatabase database;

	private static Cluster cluster;

	@BeforeAll
	static void startCluster() {
		if (!Files.isExecutable(Path.of("/usr/sbin/haproxy")) && !"true".equalsIgnoreCase(System.getenv("CI"))) {
			Assumptions.abort("HAProxy is not installed (apt-get install haproxy); on CI it must be");
		}
		databases = MariaDbReplication.start();
		database = databases.primary().server().createDatabase();
		databases.awaitCaughtUp(Duration.ofSeconds(30));
		var environment = new HashMap<>(database.environment());
		environment.put("DB_READ_HOST", "127.0.0.1");
		environment.put("DB_READ_PORT", String.valueOf(databases.replica().port()));
		cluster = new Cluster("cluster-replica", Processes.freePort(), Processes.freePort(), Processes.freePort(),
				environment, Duration.ofMinutes(3));
		cluster.run("up");
		cluster.awaitServedByBoth(Duration.ofSeconds(30));
	}

	@AfterAll
	static void stopCluster() {
		try {
			if (cluster != null) {
				cluster.run("down");
			}
		}
		finally {
			if (databases != null) {
				databases.close();
			}
		}
	}

	@Test
	@Order(1)
	void aWriterSeesTheirWriteOnTheOtherInstanceAtOnceAndEveryoneElseWithinTheReplicasLag() throws Exception {
		awaitReadsOnTheReplica();
		var writer = Writer.signedUp("writer");
		var other = Writer.signedUp("other");
		var reader = new Browser(cluster.balancer());
		var problems = new ConcurrentLinkedQueue<String>();
		var lags = new ArrayList<Long>();
		var seenByOthers = new ArrayList<Long>();
		int otherInstance = 0;
		try (Connection onReplica = databases.replica().connect(database.name())) {
			for (int i = 0; i < 10; i++) {
				String label = "at once " + i;
				var answered = writer.postAndCheck(label, problems);
				long acknowledged = System.nanoTime();
				lags.add(millisUntil(() -> isStored(onReplica, label), acknowledged));
				seenByOthers.add(millisUntil(() -> reader.get("/public")
					.messages()
					.stream()
					.anyMatch(message -> message.text().endsWith(label)), acknowledged));
				otherInstance += answered ? 1 : 0;
				writer.followAndCheck(other.name, problems);
			}
		}
		Collections.sort(lags);
		Collections.sort(seenByOthers);
		String lag = "replica: a write on the replica after its answer: median %d ms, max %d ms; on another user's page: median %d ms, max %d ms"
			.formatted(lags.get(lags.size() / 2), lags.get(lags.size() - 1), seenByOthers.get(seenByOthers.size() / 2),
					seenByOthers.get(seenByOthers.size() - 1));
		System.out.println(lag);
		Files.writeString(cluster.state().resolve("lag.txt"), lag + "\n");
		assertThat(problems).as("writes the writer did not see on their next page").isEmpty();
		assertThat(otherInstance).as("posts whose next page came from the other instance").isPositive();
	}

	@Test
	@Order(2)
	void aReplicaThatStopsApplyingCostsNothingVisibleAndIsUsedAgainOnceCaughtUp() throws Exception {
		awaitReadsOnTheReplica();
		var writer = Writer.signedUp("stalled");
		var reader = new Browser(cluster.balancer());
		var problems = new ConcurrentLinkedQueue<String>();
		databases.stopApplying();
		try {
			for (int i = 0; i < 5; i++) {
				writer.postAndCheck("while stalled " + i, problems);
			}
			Processes.sleep(SETTLE);
			long before = databases.selectsOnReplica();
			writer.postAndCheck("late in the stall", problems);
			Processes.sleep(SETTLE);
			assertThat(reader.get("/public").messages()).as("another user's page, the replica far behind")
				.anyMatch(message -> message.text().endsWith("late in the stall"));
			for (int i = 0; i < 10; i++) {
				assertThat(reader.get("/public").status()).isEqualTo(200);
			}
			assertThat(databases.selectsOnReplica() - before).as("reads on the stalled replica").isLessThan(10);
			assertReady();
		}
		finally {
			databases.startApplying();
		}
		awaitReadsOnTheReplica();
		assertThat(problems).as("writes the writer did not see on their next page").isEmpty();
	}

	@Test
	@Order(3)
	void aReplicaKilledAndRestartedUnderLoadLosesNothingAndShowsNoErrorPage() throws Exception {
		awaitReadsOnTheReplica();
		var writers = new ArrayList<Writer>();
		for (int i = 0; i < 4; i++) {
			writers.add(Writer.signedUp("load" + i));
		}
		var problems = new ConcurrentLinkedQueue<String>();
		var stop = new AtomicBoolean();
		ExecutorService threads = Executors.newFixedThreadPool(writers.size() + 2);
		for (var writer : writers) {
			threads.submit(() -> {
				for (int n = 0; !stop.get(); n++) {
					writer.postAndCheck("under load " + n, problems);
					if (n % 4 == 0) {
						writer.followAndCheck(
								writers.get(0).name.equals(writer.name) ? writers.get(1).name : writers.get(0).name,
								problems);
					}
				}
			});
		}
		for (int i = 0; i < 2; i++) {
			threads.submit(() -> {
				var reader = new Browser(cluster.balancer());
				while (!stop.get()) {
					expectStatus(reader.get("/public"), 200, "GET /public", problems);
				}
			});
		}
		try {
			Processes.sleep(Duration.ofSeconds(4));
			databases.replica().kill();
			Processes.sleep(Duration.ofSeconds(6));
			assertReady();
			databases.replica().startAgain();
			Processes.sleep(Duration.ofSeconds(6));
		}
		finally {
			stop.set(true);
			threads.shutdown();
			assertThat(threads.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
		}
		awaitReadsOnTheReplica();
		assertThat(problems).as("error pages, or writes the writer did not see on their next page").isEmpty();
		databases.awaitCaughtUp(Duration.ofSeconds(30));
		var acknowledged = writers.stream().flatMap(writer -> writer.acknowledged.stream()).toList();
		System.out.println("replica: " + acknowledged.size() + " posts acknowledged under load, replica killed");
		try (Connection onPrimary = databases.primary().connect(database.name());
				Connection onReplica = databases.replica().connect(database.name())) {
			for (String text : acknowledged) {
				assertThat(isStored(onPrimary, text)).as("%s on the primary", text).isTrue();
				assertThat(isStored(onReplica, text)).as("%s on the replica", text).isTrue();
			}
		}
	}

	/** Readiness depends on the primary alone. */
	private static void assertReady() {
		for (int instance : List.of(1, 2)) {
			assertThat(new Browser(cluster.instance(instance)).get("/readyz").status())
				.as("readiness of app%d", instance)
				.isEqualTo(200);
		}
	}

	/**
	 * Anonymous reads reach the replica: a check has found it well, on both instances.
	 */
	private static void awaitReadsOnTheReplica() {
		var reader = new Browser(cluster.balancer());
		long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		while (true) {
			long before = databases.selectsOnReplica();
			for (int i = 0; i < 10; i++) {
				reader.get("/public");
			}
			if (databases.selectsOnReplica() - before >= 10) {
				return;
			}
			assertThat(System.nanoTime()).as("reads back on the replica").isLessThan(deadline);
			Processes.sleep(Duration.ofMillis(500));
		}
	}

	private static boolean isStored(Connection connection, String text) {
		try (var query = connection.prepareStatement("SELECT COUNT(*) FROM message WHERE text LIKE ?")) {
			query.setString(1, "%" + text);
			try (var rows = query.executeQuery()) {
				rows.next();
				return rows.getInt(1) > 0;
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private interface Condition {

		boolean holds() throws Exception;

	}

	private static long millisUntil(Condition condition, long since) throws Exception {
		long deadline = since + Duration.ofSeconds(30).toNanos();
		while (!condition.holds()) {
			assertThat(System.nanoTime()).as("seen within 30 s").isLessThan(deadline);
			Thread.sleep(1);
		}
		return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - since);
	}

	private static boolean expectStatus(Page page, int status, String what, Queue<String> problems) {
		if (page.status() != status) {
			problems.add(what + ": " + page.status() + " " + page.title());
			return false;
		}
		return true;
	}

	/**
	 * A signed-in user who checks each write on their next page, through the balancer.
	 */
	private static final class Writer {

		private final Browser browser = new Browser(cluster.balancer()).from(Browser.newAddress());

		private final String name;

		private final String token;

		private final Set<String> acknowledged = ConcurrentHashMap.newKeySet();

		private Writer(String prefix) {
			this.name = prefix + "-" + Long.toString(System.nanoTime(), 36);
			assertThat(browser.signUp(name, name + "@example.com", PASSWORD, PASSWORD).redirectTarget())
				.isEqualTo("/login");
			assertThat(browser.signIn(name, PASSWORD).redirectTarget()).isEqualTo("/");
			this.token = browser.get("/").csrfToken();
		}

		static Writer signedUp(String prefix) {
			return new Writer(prefix);
		}

		/**
		 * @return whether the next page came from another instance than the answer
		 */
		boolean postAndCheck(String label, Queue<String> problems) {
			String text = name + " " + label;
			var posted = browser.post("/add_message", "text", text, "_csrf", token);
			if (!expectStatus(posted, 302, "POST " + text, problems)) {
				return false;
			}
			acknowledged.add(text);
			var next = browser.get("/");
			if (expectStatus(next, 200, "GET / after " + text, problems)
					&& next.messages().stream().noneMatch(message -> message.text().equals(text))) {
				problems.add(text + ": not on the writer's next page, from " + next.header("X-MiniTwit-Instance")
						+ " after " + posted.header("X-MiniTwit-Instance"));
			}
			return !posted.header("X-MiniTwit-Instance").equals(next.header("X-MiniTwit-Instance"));
		}

		void followAndCheck(String whom, Queue<String> problems) {
			String path = Browser.userPath(whom);
			for (String action : List.of("follow", "unfollow")) {
				if (expectStatus(browser.post(path + "/" + action, "_csrf", token), 302, action, problems)) {
					var next = browser.get(path);
					String expected = action.equals("follow") ? "You are currently following this user"
							: "You are not yet following this user";
					if (expectStatus(next, 200, "GET " + path, problems) && !next.html().contains(expected)) {
						problems.add(name + " " + action + " " + whom + ": not on the next page");
					}
				}
			}
		}

	}

}
