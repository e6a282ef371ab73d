package org.minitwit;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import org.minitwit.support.MySqlServer;
import org.minitwit.support.UsesMySqlDatabase;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A table locked by another client (a long migration, an operator's LOCK TABLES, a stuck
 * transaction): requests that need it give up after the query timeout (2 s) with the 503
 * page rather than wait for the lock, for MiniTwit's own tables and for the session table
 * alike, and the next requests after the lock is gone succeed.
 */
@MiniTwitOverHttp
@UsesMySqlDatabase
class SlowDatabaseMySqlHttpTests {

	/** The query timeout, and a margin for the page around it on a busy machine. */
	private static final Duration BOUND = Duration.ofSeconds(5);

	@Autowired
	private TestSite site;

	@Value("${db.name}")
	private String database;

	@Test
	void aLockedMessageTableIsA503WithinTheBoundAndThenServesAgain() throws Exception {
		var user = site.user("Patient");
		var browser = site.signedIn(user);
		var timeline = browser.get("/");
		var before = site.counts();

		try (var lock = lock("message")) {
			assertUnavailableWithinTheBound(() -> browser.get("/public"));
			assertUnavailableWithinTheBound(() -> browser.get("/"));
			assertUnavailableWithinTheBound(() -> browser.submit(timeline, "/add_message", "text", "while locked"));
			assertThat(browser.get("/actuator/health/liveness").status()).isEqualTo(200);
		}

		assertThat(site.counts()).isEqualTo(before);
		assertThat(browser.get("/public").status()).isEqualTo(200);
		assertThat(browser.share("after the lock").redirectTarget()).isEqualTo("/");
	}

	@Test
	void aLockedSessionTableIsA503WithinTheBoundAndThenTheUserIsStillSignedIn() throws Exception {
		var user = site.user("Sessioned");
		var browser = site.signedIn(user);

		try (var lock = lock("SPRING_SESSION")) {
			assertUnavailableWithinTheBound(() -> browser.get("/"));
		}

		assertThat(browser.get("/").navigation()).endsWith("sign out [" + user.username() + "]");
	}

	private void assertUnavailableWithinTheBound(Supplier<Page> request) {
		long started = System.nanoTime();
		var page = request.get();
		var took = Duration.ofNanos(System.nanoTime() - started);
		assertThat(page.status()).as("%s after %d ms", page.uri(), took.toMillis()).isEqualTo(503);
		assertThat(page.title()).isEqualTo("Service Unavailable");
		assertThat(took).as("time to the 503 page of %s", page.uri()).isLessThan(BOUND);
	}

	/** Another client's write lock on the table, held until closed. */
	private AutoCloseable lock(String table) throws SQLException {
		Connection connection = MySqlServer.require().connect(database);
		try (var statement = connection.createStatement()) {
			statement.execute("LOCK TABLES " + table + " WRITE");
		}
		return () -> {
			try (connection; var statement = connection.createStatement()) {
				statement.execute("UNLOCK TABLES");
			}
		};
	}

}
