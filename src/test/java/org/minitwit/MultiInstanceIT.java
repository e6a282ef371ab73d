package org.minitwit;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.minitwit.support.Chromium;
import org.minitwit.support.MainFlow;
import org.minitwit.support.MySqlServer;
import org.minitwit.support.MySqlTestDatabase;
import org.minitwit.support.Browser;
import org.minitwit.support.Cluster;
import org.minitwit.support.Page;
import org.minitwit.support.Simulator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The deployment MiniTwit exists for, with real processes: two instances of the built jar
 * over one MySQL database behind HAProxy (scripts/cluster.sh and
 * deploy/haproxy/haproxy.cfg), round robin without stickiness. Sessions, flashes and
 * posts must not care which instance answers, and a rolling restart must not fail a
 * single request.
 */
@EnabledIfEnvironmentVariable(named = "MINITWIT_CLUSTER_TEST", matches = "true",
		disabledReason = "needs HAProxy and a MySQL: set MINITWIT_CLUSTER_TEST=true (as .ci/run does)")
@TestMethodOrder(OrderAnnotation.class)
class MultiInstanceIT {

	private static final int LB_PORT = 15000;

	private static final int APP1_PORT = 15001;

	private static final int APP2_PORT = 15002;

	private static final String PASSWORD = "cluster-password";

	private static final String API_PASSWORD = "cluster-api-password";

	private static MySqlTestDatabase database;

	private static Cluster cluster;

	@BeforeAll
	static void startCluster() {
		database = MySqlServer.require().createDatabase();
		var environment = new HashMap<>(database.environment());
		environment.put("MINITWIT_API_PASSWORD", API_PASSWORD);
		cluster = new Cluster("cluster-it", LB_PORT, APP1_PORT, APP2_PORT, environment, Duration.ofMinutes(3));
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
	@Order(1)
	void bothInstancesStartedAtOnceOnAnEmptyDatabaseCameUpAndMigratedOnce() throws Exception {
		for (int port : List.of(APP1_PORT, APP2_PORT)) {
			assertThat(direct(port).get("/actuator/health/readiness").status()).as("instance on %d", port)
				.isEqualTo(200);
		}
		try (var connection = database.connect();
				var statement = connection.createStatement();
				var rows = statement.executeQuery("""
						SELECT version, COUNT(*) AS runs, MIN(success) AS ok FROM flyway_schema_history
						WHERE version IS NOT NULL GROUP BY version""")) {
			int versions = 0;
			while (rows.next()) {
				versions++;
				assertThat(rows.getInt("runs")).as("migration %s", rows.getString("version")).isEqualTo(1);
				assertThat(rows.getBoolean("ok")).isTrue();
			}
			assertThat(versions).isGreaterThanOrEqualTo(2);
		}
	}

	@Test
	@Order(2)
	void signedInThroughTheBalancerMeansSignedInOnEveryInstance() {
		var browser = balanced();
		String username = signUpAndIn(browser, "roundrobin");

		Map<String, Integer> servedBy = new HashMap<>();
		for (int i = 0; i < 10; i++) {
			var page = browser.get("/");
			assertThat(page.status()).isEqualTo(200);
			assertThat(page.navigation()).contains("sign out [" + username + "]");
			servedBy.merge(page.header("X-MiniTwit-Instance"), 1, Integer::sum);
		}

		System.out.println("cluster: 10 signed-in requests through the balancer were served by " + servedBy);
		assertThat(servedBy).containsOnlyKeys("app1", "app2");
	}

	@Test
	@Order(3)
	void aFlashSetOnOneInstanceShowsExactlyOnceOnTheOther() {
		var onApp1 = direct(APP1_PORT);
		signUpAndIn(onApp1, "flash");
		var onApp2 = direct(APP2_PORT);
		onApp2.setCookie("SESSION", onApp1.cookie("SESSION").orElseThrow());

		var posted = onApp1.share("a flash for the other instance");
		assertThat(posted.header("X-MiniTwit-Instance")).isEqualTo("app1");
		assertThat(posted.redirectTarget()).isEqualTo("/");

		var next = onApp2.get("/");
		assertThat(next.header("X-MiniTwit-Instance")).isEqualTo("app2");
		assertThat(next.flashes()).containsExactly("Your message was recorded");
		assertThat(onApp1.get("/").flashes()).isEmpty();
		assertThat(onApp2.get("/").flashes()).isEmpty();
	}

	@Test
	@Order(4)
	void aMessagePostedThroughOneInstanceIsOnTheOthersPublicTimelineAtOnce() {
		var onApp1 = direct(APP1_PORT);
		signUpAndIn(onApp1, "poster");
		String text = "posted on app1 at " + System.nanoTime();

		onApp1.share(text);

		var publicOnApp2 = direct(APP2_PORT).get("/public");
		assertThat(publicOnApp2.header("X-MiniTwit-Instance")).isEqualTo("app2");
		assertThat(publicOnApp2.messages()).extracting(Page.Message::text).contains(text);
	}

	@Test
	@Order(4)
	void latestAndAMessagePostedThroughTheApiOfOneInstanceAreSeenByTheOther() {
		var onApp1 = simulator(APP1_PORT);
		var onApp2 = simulator(APP2_PORT);
		String username = "api poster " + System.nanoTime();
		long latest = System.nanoTime() % 1_000_000;
		String text = "posted through the API of app1 at " + System.nanoTime();

		assertThat(onApp1.register(username, "api@example.com", PASSWORD).status()).isEqualTo(204);
		var posted = onApp1.post("/api/msgs/" + Simulator.segment(username) + "?latest=" + latest,
				Simulator.json(Map.of("content", text)));
		assertThat(posted.status()).isEqualTo(204);
		assertThat(posted.header("X-MiniTwit-Instance")).containsExactly("app1");

		var latestOnApp2 = onApp2.get("/api/latest");
		assertThat(latestOnApp2.header("X-MiniTwit-Instance")).containsExactly("app2");
		assertThat(latestOnApp2.body()).isEqualTo("{\"latest\":" + latest + "}");
		assertThat(onApp2.get("/api/msgs/" + Simulator.segment(username)).body()).contains(text);
		assertThat(direct(APP2_PORT).get("/public").messages()).extracting(Page.Message::text).contains(text);
		assertThat(direct(APP2_PORT).signIn(username, PASSWORD).redirectTarget()).isEqualTo("/");
	}

	@Test
	@Order(5)
	void aPersonInChromiumGoesThroughTheMainFlowWithPagesServedByBothInstancesInTurn() {
		Chromium.requireInstalled();
		var followee = balanced();
		String name = signUpAndIn(followee, "followee");
		followee.share("Shared through the balancer");

		try (var chromium = Chromium.open(URI.create("http://127.0.0.1:" + LB_PORT))) {
			MainFlow.run(chromium, name, List.of("Shared through the balancer"));

			var instances = chromium.pagesServed().stream().map(Chromium.Served::instance).toList();
			long changes = IntStream.range(1, instances.size())
				.filter(i -> !Objects.equals(instances.get(i), instances.get(i - 1)))
				.count();
			System.out.printf(
					"cluster: the browser's %d pages (redirects included) were served by %s, "
							+ "%d times by another instance than the page before%n",
					instances.size(), instances, changes);
			assertThat(instances).contains("app1", "app2").containsOnly("app1", "app2");
			assertThat(changes).as("consecutive pages served by different instances").isPositive();
		}
	}

	@Test
	@Order(6)
	void aRollingRestartFailsNoRequestAndLosesNoPost() throws Exception {
		var stop = new AtomicBoolean();
		var sent = new AtomicInteger();
		var failures = new ConcurrentLinkedQueue<String>();
		var acknowledged = ConcurrentHashMap.<String>newKeySet();
		var servedBy = new ConcurrentHashMap<String, Integer>();
		var clients = Executors.newFixedThreadPool(4);
		for (int client = 0; client < 3; client++) {
			var browser = balanced();
			String username = signUpAndIn(browser, "steady" + client);
			clients.submit(() -> {
				for (int n = 0; !stop.get(); n++) {
					var requests = List.of(new Request("GET /public", () -> browser.get("/public"), 200),
							new Request("GET /", () -> browser.get("/"), 200),
							new Request("POST /add_message", () -> post(browser, username, acknowledged), 302));
					var request = requests.get(n % requests.size());
					sent.incrementAndGet();
					try {
						var page = request.send().get();
						servedBy.merge(String.valueOf(page.header("X-MiniTwit-Instance")), 1, Integer::sum);
						if (page.status() != request.expectedStatus()) {
							failures.add(request.name() + " answered " + page.status());
						}
					}
					catch (AssertionError ex) {
						failures.add(request.name() + ": " + ex.getMessage());
					}
				}
			});
		}

		var api = simulator(LB_PORT);
		String apiUser = "steady api " + System.nanoTime();
		assertThat(api.register(apiUser, "steady-api@example.com", PASSWORD).status()).isEqualTo(204);
		var apiLatest = new AtomicLong(-1);
		clients.submit(() -> {
			for (long n = 0; !stop.get(); n++) {
				sent.incrementAndGet();
				String text = apiUser + " says hello " + n;
				var answer = n % 2 == 0 ? api.post("/api/msgs/" + Simulator.segment(apiUser) + "?latest=" + n,
						Simulator.json(Map.of("content", text))) : api.get("/api/msgs?no=20&latest=" + n);
				servedBy.merge(String.join(",", answer.header("X-MiniTwit-Instance")), 1, Integer::sum);
				if (answer.status() != (n % 2 == 0 ? 204 : 200)) {
					failures.add("API request " + n + " answered " + answer.status() + " " + answer.body());
					continue;
				}
				apiLatest.set(n);
				if (n % 2 == 0) {
					acknowledged.add(text);
				}
			}
		});

		pause(Duration.ofSeconds(2));
		long restartStarted = System.nanoTime();
		cluster.run("restart", "1");
		pause(Duration.ofSeconds(2));
		cluster.run("restart", "2");
		pause(Duration.ofSeconds(2));
		long restartSeconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - restartStarted);
		stop.set(true);
		clients.shutdown();
		assertThat(clients.awaitTermination(60, TimeUnit.SECONDS)).isTrue();

		System.out.printf(
				"cluster: rolling restart of both instances in %d s: %d requests sent, %d failed, "
						+ "%d posts acknowledged, served by %s%n",
				restartSeconds, sent.get(), failures.size(), acknowledged.size(), servedBy);
		assertThat(failures).as("requests that failed during the rolling restart").isEmpty();
		assertThat(servedBy).containsKeys("app1", "app2");
		assertThat(acknowledged).isNotEmpty();
		assertThat(api.get("/api/latest").body()).as("the last latest acknowledged, on whichever instance")
			.isEqualTo("{\"latest\":" + apiLatest.get() + "}");
		assertThat(storedCounts(acknowledged)).as("every acknowledged post is stored exactly once")
			.allSatisfy((text, count) -> assertThat(count).as(text).isEqualTo(1));
	}

	private record Request(String name, java.util.function.Supplier<Page> send, int expectedStatus) {
	}

	private static Page post(Browser browser, String username, Set<String> acknowledged) {
		String text = username + " says hello " + System.nanoTime();
		var page = browser.submit(browser.get("/"), "/add_message", "text", text);
		if (page.status() == 302 && "/".equals(page.redirectTarget())) {
			acknowledged.add(text);
		}
		return page;
	}

	private static Map<String, Integer> storedCounts(Set<String> texts) throws Exception {
		Map<String, Integer> counts = texts.stream().collect(Collectors.toMap(text -> text, text -> 0));
		try (var connection = database.connect();
				var statement = connection.createStatement();
				var rows = statement.executeQuery("SELECT text FROM message")) {
			while (rows.next()) {
				counts.computeIfPresent(rows.getString(1), (text, count) -> count + 1);
			}
		}
		return counts;
	}

	private static String signUpAndIn(Browser browser, String prefix) {
		String username = prefix + "-" + System.nanoTime();
		assertThat(browser.signUp(username, username + "@example.com", PASSWORD, PASSWORD).redirectTarget())
			.isEqualTo("/login");
		assertThat(browser.signIn(username, PASSWORD).redirectTarget()).isEqualTo("/");
		return username;
	}

	private static Browser balanced() {
		return new Browser(URI.create("http://127.0.0.1:" + LB_PORT + "/"));
	}

	private static Simulator simulator(int port) {
		return new Simulator(URI.create("http://127.0.0.1:" + port + "/"), "simulator", API_PASSWORD);
	}

	private static Browser direct(int port) {
		return new Browser(URI.create("http://127.0.0.1:" + port + "/"));
	}

	private static void pause(Duration duration) throws InterruptedException {
		Thread.sleep(duration.toMillis());
	}

}
