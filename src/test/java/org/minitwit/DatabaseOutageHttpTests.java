package org.minitwit;

import java.util.List;

import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.minitwit.support.Browser;
import org.minitwit.support.Page;
import org.minitwit.support.TestSite;
import org.minitwit.support.MiniTwitOverHttp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.minitwit.support.Browser.userPath;

/**
 * The database going away and coming back, simulated by suspending the connection pool. A
 * suspended Hikari pool would hold every request until it resumes; with
 * {@code throwIfSuspended} it fails them at once with the SQLTransientException that a
 * connection timeout raises when the database host is unreachable, which is what MiniTwit
 * must answer with its 503 page.
 */
@MiniTwitOverHttp
class DatabaseOutageHttpTests {

	private static final String THROW_IF_SUSPENDED = "com.zaxxer.hikari.throwIfSuspended";

	@Autowired
	private TestSite site;

	@Autowired
	private HikariDataSource dataSource;

	@Autowired
	private MeterRegistry meters;

	@Test
	void signedOutVisitorsGetAMiniTwit503PageUntilTheDatabaseIsBack() {
		var user = site.user("Reachable");
		var browser = site.browser();
		double shed = meters.get("minitwit.unavailable").counter().count();

		whileTheDatabaseIsUnreachable(() -> {
			assertUnavailable(browser.get("/public"));
			assertUnavailable(browser.get(userPath(user.username())));
			// The sign-in form needs nothing of the database (no session before sign-in);
			// signing in does.
			var form = browser.get("/login");
			assertThat(form.status()).isEqualTo(200);
			assertUnavailable(
					browser.submit(form, "/login", "username", user.username(), "password", TestSite.PASSWORD));
		});
		assertThat(meters.get("minitwit.unavailable").counter().count() - shed).as("503 pages counted").isEqualTo(3);

		assertThat(browser.get("/public").status()).isEqualTo(200);
		assertThat(browser.get(userPath(user.username())).status()).isEqualTo(200);
	}

	@Test
	void signedInUsersGetAMiniTwit503PageAndAreStillSignedInWhenTheDatabaseIsBack() {
		var user = site.user("Stranded");
		var browser = site.signedIn(user);
		var timeline = browser.get("/");
		var before = site.counts();

		whileTheDatabaseIsUnreachable(() -> {
			assertUnavailable(browser.get("/"));
			assertUnavailable(browser.get(userPath(user.username())));
			assertUnavailable(browser.submit(timeline, "/add_message", "text", "written during the outage"));
		});

		var recovered = browser.get("/");
		assertThat(recovered.status()).isEqualTo(200);
		assertThat(recovered.navigation()).endsWith("sign out [" + user.username() + "]");
		assertThat(site.counts()).isEqualTo(before);
		assertThat(browser.follow(browser.share("written after the outage")).flashes())
			.containsExactly("Your message was recorded");
	}

	@Test
	void healthIsDownWhileTheDatabaseIsUnreachable() {
		assertDownOnlyDuringTheOutage("/actuator/health");
	}

	@Test
	void readinessIsDownWhileTheDatabaseIsUnreachable() {
		// so that a load balancer probing readiness stops sending requests that can only
		// fail
		assertDownOnlyDuringTheOutage("/actuator/health/readiness");
	}

	private void assertDownOnlyDuringTheOutage(String probe) {
		var browser = site.browser();

		whileTheDatabaseIsUnreachable(() -> assertThat(browser.get(probe).status()).isEqualTo(503));

		assertThat(browser.get(probe).status()).isEqualTo(200);
	}

	@Test
	void theApiAnswersItsOwnJsonErrorUntilTheDatabaseIsBack() {
		var api = site.simulator();

		whileTheDatabaseIsUnreachable(() -> {
			for (var answer : List.of(api.get("/api/msgs?latest=7"),
					api.post("/api/msgs/anyone", "{\"content\":\"hi\"}"))) {
				assertThat(answer.status()).isEqualTo(503);
				assertThat(answer.header("Content-Type")).singleElement().asString().startsWith("application/json");
				assertThat(answer.header("Retry-After")).isNotEmpty();
				assertThat(answer.body()).contains("\"status\":503", "\"error_msg\":");
			}
		});

		assertThat(api.get("/api/msgs").status()).isEqualTo(200);
	}

	private void whileTheDatabaseIsUnreachable(Runnable requests) {
		var pool = dataSource.getHikariPoolMXBean();
		// Hikari reads it on every acquisition, so it matters only while this test
		// suspends the pool.
		System.setProperty(THROW_IF_SUSPENDED, "true");
		pool.suspendPool();
		try {
			requests.run();
		}
		finally {
			pool.resumePool();
			System.clearProperty(THROW_IF_SUSPENDED);
		}
	}

	private static void assertUnavailable(Page page) {
		assertThat(page.status()).as(page.uri().toString()).isEqualTo(503);
		assertThat(page.title()).isEqualTo("Service Unavailable");
		assertThat(page.html()).contains("<h1>MiniTwit</h1>", "/static/style.css");
		assertThat(page.header("Retry-After")).isNotBlank();
	}

}
