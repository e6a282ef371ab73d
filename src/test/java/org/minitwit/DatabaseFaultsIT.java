package org.minitwit;

import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.minitwit.support.MiniTwitInstance;
import org.minitwit.support.MySqlTestDatabase;
import org.minitwit.support.PrivateMariaDb;
import org.minitwit.support.Processes;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The database failing under a running instance of the built jar, with users busy on it: killed
 * outright, then started again; frozen (answering nothing, connections left open), then thawed; and
 * slowed down by a lock. Requests must fail fast with the 503 page
 * (never hang, never a 500), the instance must stay alive and bounded and serve again by itself,
 * and no write a user saw acknowledged may be lost or doubled.
 * <p>
 * The database is a MariaDB of this test's own ({@link PrivateMariaDb}); the test skips where
 * MariaDB is not installed, except on CI. Fault phases last seconds: the machine is small and shared.
 */
class DatabaseFaultsIT {

	/**
	 * No request may take longer while the database is gone or locked. A request waits for a
	 * connection at most 2 s (Hikari's connection-timeout) and a statement runs at most 2 s (the query
	 * timeout); a failed request waits at most twice, its statement then its session save, and then
	 * renders the 503 page: 4 s. A sign-up or sign-in also hashes a password first, which on this
	 * small machine under load can take up to a second more.
	 */
	static final Duration BOUND = Duration.ofSeconds(6);

	/**
	 * The same for a sign-up: its password hash is CPU work that a machine shared with a benchmark (a
	 * load average of 28 on 2 cores was seen) can stretch to several seconds, before the database is
	 * even asked.
	 */
	static final Duration HASHING_BOUND = Duration.ofSeconds(10);

	/**
	 * A database that answers nothing is only noticed by the socket timeout (4 s). After that the
	 * request may wait for the pool up to three times more, 2 s each: Spring Session loads a session
	 * whose loading failed again at each use (the security context, the CSRF token, the save).
	 */
	static final Duration FROZEN_BOUND = Duration.ofSeconds(10);

	/** From the database accepting connections again to the instance serving pages again. */
	static final Duration RECOVERY_BOUND = Duration.ofSeconds(10);

	/** More users than the pool's 10 connections, so that requests also queue for connections. */
	static final int USERS = 12;

	static final Duration PAUSE = Duration.ofMillis(25);

	/** Threads of the instance beyond those it had before the fault: a request thread per user and some slack. */
	static final int THREAD_SLACK = USERS + 10;

	/** The JVM's resident memory: 256 MiB of heap (-Xmx256m) and its metaspace, code and thread stacks. */
	static final long RESIDENT_MIB_BOUND = 640;

	private static PrivateMariaDb mariadb;

	private static MySqlTestDatabase database;

	private static MiniTwitInstance app;

	@BeforeAll
	static void startDatabaseAndInstance() {
		mariadb = PrivateMariaDb.start();
		database = mariadb.server().createDatabase();
		app = MiniTwitInstance.start("database-faults", database.environment());
	}

	@AfterAll
	static void stopAll() {
		try {
			if (app != null) {
				app.close();
			}
		}
		finally {
			// the data directory goes with the server; no database to drop
			if (mariadb != null) {
				mariadb.close();
			}
		}
	}

	@AfterEach
	void theInstanceIsStillAlive(TestInfo test) {
		assertThat(app.isAlive()).as("the instance after %s; its log:%n%s", test.getDisplayName(), app.logTail(40)).isTrue();
		assertThat(app.log()).doesNotContain("OutOfMemoryError");
	}

	@Test
	void killedDatabaseIsA503WithinTheBoundAndTheInstanceRecoversWhenItIsBack() throws Exception {
		FaultLoad load = FaultLoad.start(app.uri(), USERS, "kill", PAUSE);
		Duration killedAt;
		Duration restartedAt;
		Duration recoveredAt;
		try (var probes = Probes.start(app, load::now)) {
			Processes.sleep(Duration.ofSeconds(2));
			killedAt = load.now();
			mariadb.kill();
			Processes.sleep(Duration.ofSeconds(6));
			mariadb.startAgain();
			restartedAt = load.now();
			recoveredAt = awaitPages(load, restartedAt, RECOVERY_BOUND);
			Processes.sleep(Duration.ofSeconds(3));
			load.close();
			probes.close();

			var outcomes = load.outcomes();
			var readiness = probes.of("/actuator/health/readiness");
			var liveness = probes.of("/actuator/health/liveness");
			report("database killed", load, probes, "outage " + seconds(restartedAt.minus(killedAt)) + ", pages again "
					+ seconds(recoveredAt.minus(restartedAt)) + " after the database was back");

			assertWithinTheBound(outcomes);
			assertThat(outcomes).as("requests answered before the kill")
				.filteredOn(o -> o.at().plus(o.took()).compareTo(killedAt) < 0)
				.allMatch(FaultLoad.Outcome::ok);
			// A request whose answer had begun when the database died can only be cut short: its status
			// line has been sent. Anything else that failed is the 503 page.
			assertThat(outcomes).as("what failed is the 503 page, or cut short in flight at the kill")
				.filteredOn(o -> !o.ok())
				.isNotEmpty()
				.allMatch(o -> o.unavailable() || o.aborted() && o.inFlightAt(killedAt));
			assertThat(outcomes).as("requests a second after recovery")
				.filteredOn(o -> o.at().compareTo(recoveredAt.plusSeconds(1)) > 0)
				.isNotEmpty()
				.allMatch(FaultLoad.Outcome::ok);
			assertThat(readiness).as("readiness while the database was away")
				.filteredOn(p -> p.at().compareTo(killedAt.plusSeconds(1)) > 0 && p.at().compareTo(restartedAt) < 0)
				.isNotEmpty()
				.allMatch(p -> p.status() == 503);
			assertThat(readiness.get(readiness.size() - 1).status()).as("readiness at the end").isEqualTo(200);
			assertThat(liveness).as("liveness throughout").isNotEmpty()
				.allMatch(p -> p.status() == 200 && p.took().compareTo(BOUND) < 0);
			assertThat(recoveredAt.minus(restartedAt)).isLessThan(RECOVERY_BOUND);
			assertWrites(load);
		}
		finally {
			load.close();
		}
	}

	@Test
	void lockedMessageTableIsA503WithinTheBoundWithThreadsAndMemoryBounded() throws Exception {
		FaultLoad load = FaultLoad.start(app.uri(), USERS, "lock", PAUSE);
		try (var probes = Probes.start(app, load::now)) {
			Processes.sleep(Duration.ofSeconds(2));
			int threadsBefore = app.threads();
			Duration lockedAt = load.now();
			Duration unlockedAt;
			try (var lock = mariadb.connect(database.name()); var statement = lock.createStatement()) {
				// As a long migration or an operator would: every read and write of message waits for it.
				statement.execute("LOCK TABLES message WRITE");
				// longer than the bound, so that a request waiting for the lock cannot pass
				Processes.sleep(BOUND.plusSeconds(2));
				statement.execute("UNLOCK TABLES");
				unlockedAt = load.now();
			}
			var recoveredAt = awaitPages(load, unlockedAt, RECOVERY_BOUND);
			Processes.sleep(Duration.ofSeconds(2));
			load.close();
			probes.close();

			var outcomes = load.outcomes();
			report("message table locked", load, probes, "locked " + seconds(unlockedAt.minus(lockedAt)) + ", threads "
					+ threadsBefore + " before, at most " + probes.maxThreads() + ", resident at most "
					+ probes.maxResidentMib() + " MiB, pages again " + seconds(recoveredAt.minus(unlockedAt))
					+ " after the unlock");

			assertWithinTheBound(outcomes);
			assertThat(outcomes).as("what failed is the 503 page, in flight while the table was locked")
				.filteredOn(o -> !o.ok())
				.isNotEmpty()
				.allMatch(FaultLoad.Outcome::unavailable)
				.allMatch(o -> o.at().compareTo(unlockedAt) <= 0 && o.at().plus(o.took()).compareTo(lockedAt) >= 0);
			for (String path : List.of("/actuator/health/liveness", "/static/style.css")) {
				assertThat(probes.of(path)).as("%s while the table was locked", path)
					.filteredOn(p -> p.at().compareTo(lockedAt) > 0 && p.at().compareTo(unlockedAt) < 0)
					.isNotEmpty()
					.allMatch(p -> p.status() == 200 && p.took().compareTo(Duration.ofSeconds(1)) < 0);
			}
			assertThat(probes.maxThreads()).as("threads of the instance").isLessThanOrEqualTo(threadsBefore + THREAD_SLACK);
			assertThat(probes.maxResidentMib()).as("resident MiB of the instance").isLessThan(RESIDENT_MIB_BOUND);
			assertWrites(load);
		}
		finally {
			load.close();
		}
	}

	@Test
	void frozenDatabaseIsA503WithinTheBoundAndTheInstanceRecoversWhenItThaws() throws Exception {
		FaultLoad load = FaultLoad.start(app.uri(), USERS, "freeze", PAUSE);
		try (var probes = Probes.start(app, load::now)) {
			Processes.sleep(Duration.ofSeconds(2));
			int threadsBefore = app.threads();
			Duration frozenAt = load.now();
			Duration thawedAt;
			mariadb.freeze();
			try {
				// longer than the bound, so that a request waiting for an answer cannot pass
				Processes.sleep(FROZEN_BOUND.plusSeconds(2));
			}
			finally {
				mariadb.thaw();
				thawedAt = load.now();
			}
			var recoveredAt = awaitPages(load, thawedAt, RECOVERY_BOUND);
			Processes.sleep(Duration.ofSeconds(2));
			load.close();
			probes.close();

			var outcomes = load.outcomes();
			report("database frozen", load, probes, "frozen " + seconds(thawedAt.minus(frozenAt)) + ", threads "
					+ threadsBefore + " before, at most " + probes.maxThreads() + ", pages again "
					+ seconds(recoveredAt.minus(thawedAt)) + " after the thaw");

			// a sign-up may take as much longer for its password hash as under the other faults
			var signUpBound = FROZEN_BOUND.plus(HASHING_BOUND).minus(BOUND);
			assertThat(outcomes).as("requests that took %s (a sign-up %s) or longer", FROZEN_BOUND, signUpBound)
				.filteredOn(o -> o.took().compareTo(o.request().equals("POST /register") ? signUpBound : FROZEN_BOUND) >= 0)
				.isEmpty();
			assertThat(outcomes).as("what failed is the 503 page, or cut short in flight at the freeze")
				.filteredOn(o -> !o.ok())
				.isNotEmpty()
				.allMatch(o -> o.unavailable() || o.aborted() && o.inFlightAt(frozenAt));
			assertThat(probes.of("/actuator/health/liveness")).as("liveness throughout").isNotEmpty()
				.allMatch(p -> p.status() == 200 && p.took().compareTo(BOUND) < 0);
			// HAProxy gives a check 2 s (timeout check): a slower answer takes the instance out as a 503 does
			assertThat(probes.of("/actuator/health/readiness")).as("readiness while frozen, as the balancer sees it")
				.filteredOn(p -> p.at().compareTo(frozenAt) > 0 && p.at().compareTo(thawedAt) < 0)
				.anyMatch(p -> p.status() != 200 || p.took().compareTo(Duration.ofSeconds(2)) > 0);
			assertThat(probes.maxThreads()).as("threads of the instance").isLessThanOrEqualTo(threadsBefore + THREAD_SLACK);
			assertWrites(load);
		}
		finally {
			load.close();
		}
	}

	/** When the first request that started after {@code since} was answered with its page, not the 503. */
	private static Duration awaitPages(FaultLoad load, Duration since, Duration bound) {
		long deadline = System.nanoTime() + bound.plusSeconds(5).toNanos();
		while (System.nanoTime() < deadline) {
			Optional<FaultLoad.Outcome> first = load
				.outcomes(o -> o.ok() && o.request().startsWith("GET") && o.at().compareTo(since) > 0)
				.stream()
				.min(Comparator.comparing(o -> o.at().plus(o.took())));
			if (first.isPresent()) {
				return first.get().at().plus(first.get().took());
			}
			Processes.sleep(Duration.ofMillis(50));
		}
		throw new AssertionError("No page within " + bound + " after the database was back: " + load.summary()
				+ "\nthe instance's log:\n" + app.logTail(40));
	}

	private static void assertWithinTheBound(List<FaultLoad.Outcome> outcomes) {
		assertThat(outcomes).as("requests that took %s (a sign-up %s) or longer", BOUND, HASHING_BOUND)
			.filteredOn(o -> o.took().compareTo(o.request().equals("POST /register") ? HASHING_BOUND : BOUND) >= 0)
			.isEmpty();
	}

	private static void assertWrites(FaultLoad load) throws Exception {
		try (Connection connection = mariadb.connect(database.name())) {
			var writes = StoredWrites.check(connection, load);
			System.out.println("faults: writes: " + writes);
		}
	}

	private static void report(String fault, FaultLoad load, Probes probes, String figures) {
		load.write(Path.of("target", "faults", fault.replace(' ', '-') + ".txt"));
		var readiness = probes.of("/actuator/health/readiness");
		System.out.printf("faults: %s: %s; %s; readiness down in %d of %d probes; slowest liveness %d ms%n", fault,
				figures, load.summary(), readiness.stream().filter(p -> p.status() != 200).count(), readiness.size(),
				probes.of("/actuator/health/liveness").stream().mapToLong(p -> p.took().toMillis()).max().orElse(-1));
		load.outcomes(o -> !o.ok() && !o.unavailable()).stream().limit(20).forEach(o -> System.out.println("faults:   " + o));
	}

	private static String seconds(Duration duration) {
		return String.format("%.1f s", duration.toMillis() / 1000.0);
	}

}
