package org.minitwit.replica;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.minitwit.database.ReadRouting;
import org.minitwit.database.ReplicaProperties;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.web.method.HandlerMethod;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which database answers, decided per request: two H2 databases stand in for the primary
 * and the replica, each saying which it is.
 */
class ReplicaRoutingTests {

	private static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");

	private static final ReplicaProperties PROPERTIES = new ReplicaProperties("replica.internal", null, null, null,
			Duration.ofSeconds(2), Duration.ofSeconds(1));

	private final PrimaryPin pin = new PrimaryPin(PROPERTIES.pinWindow(), Clock.fixed(NOW, ZoneOffset.UTC));

	private ReadRouting routing;

	private ReplicaLag lag;

	private ReplicaReads filter;

	private ReadOnlyHandlers interceptor;

	private final List<String> answeredBy = new ArrayList<>();

	@BeforeEach
	void twoDatabases() {
		routing = new ReadRouting(database("primary"), database("replica"), "replica");
		lag = new ReplicaLag(routing.replica(), PROPERTIES, "replica", new SimpleMeterRegistry());
		lag.accept();
		filter = new ReplicaReads(pin, lag);
		interceptor = new ReadOnlyHandlers(routing);
	}

	@AfterEach
	void close() {
		((HikariDataSource) routing.getTargetDataSource()).close();
		routing.close();
	}

	@Test
	void aReadOnlyHandlerReadsFromTheReplica() throws Exception {
		handle(get(), chainRunning("read"));

		assertThat(answeredBy).containsExactly("replica");
	}

	@Test
	void anUnmarkedHandlerReadsFromThePrimaryEvenOnGet() throws Exception {
		handle(get(), chainRunning("readAndWrite"));

		assertThat(answeredBy).containsExactly("primary");
	}

	@Test
	void aWritePinsItsUserToThePrimaryForTheWindowAsItsAnswerGoesOut() throws Exception {
		var post = new MockHttpServletRequest("POST", "/add_message");
		post.setSession(new MockHttpSession());
		var response = new MockHttpServletResponse();
		filter.doFilter(post, response, (request, answer) -> {
			assertThat(response.getCookie(PrimaryPin.COOKIE)).as("before the answer").isNull();
			((HttpServletResponse) answer).sendRedirect("/");
		});

		var cookie = response.getCookie(PrimaryPin.COOKIE);
		assertThat(cookie).isNotNull();
		assertThat(Long.parseLong(cookie.getValue())).isEqualTo(NOW.plus(PROPERTIES.pinWindow()).toEpochMilli());
		assertThat(cookie.isHttpOnly()).isTrue();

		var next = get();
		next.setCookies(cookie);
		handle(next, chainRunning("read"));
		assertThat(answeredBy).containsExactly("primary");
	}

	@Test
	void aWriteWithoutASessionSetsNoCookie() throws Exception {
		var post = new MockHttpServletRequest("POST", "/api/msgs/someone");
		var response = new MockHttpServletResponse();
		filter.doFilter(post, response, (request, answer) -> ((HttpServletResponse) answer).setStatus(204));

		assertThat(response.getCookies()).isEmpty();
	}

	@Test
	void aPinEndingFurtherAwayThanAWindowCountsForNothing() throws Exception {
		var request = get();
		request.setCookies(new Cookie(PrimaryPin.COOKIE, String.valueOf(NOW.plus(Duration.ofDays(1)).toEpochMilli())));

		handle(request, chainRunning("read"));

		assertThat(answeredBy).containsExactly("replica");
	}

	@Test
	void aReplicaTooFarBehindIsLeftAlone() throws Exception {
		lag.refuse("it is 5 s behind");

		handle(get(), chainRunning("read"));

		assertThat(answeredBy).containsExactly("primary");
	}

	@Test
	void aReadThatFailsOnTheReplicaIsAnsweredFromThePrimaryAndTheReplicaLeftAlone() throws Exception {
		FilterChain read = chainRunning("read");
		FilterChain failingOnTheReplica = (request, response) -> {
			var http = (HttpServletRequest) request;
			boolean replica = http.getAttribute(ReplicaReads.ALLOWED) != null;
			read.doFilter(request, response);
			if (replica) {
				throw new DataAccessResourceFailureException("Communications link failure");
			}
		};

		handle(get(), failingOnTheReplica);

		assertThat(answeredBy).containsExactly("replica", "primary");
		assertThat(lag.isUsable()).isFalse();
	}

	private void handle(MockHttpServletRequest request, FilterChain chain) throws Exception {
		filter.doFilter(request, new MockHttpServletResponse(), chain);
	}

	/** What the dispatcher does around a handler: the interceptor, then its statement. */
	private FilterChain chainRunning(String handler) throws NoSuchMethodException {
		var method = new HandlerMethod(new Handlers(), handler);
		return (request, response) -> {
			var http = (HttpServletRequest) request;
			interceptor.preHandle(http, null, method);
			try {
				answeredBy.add(new JdbcTemplate(routing).queryForObject("SELECT name FROM whoami", String.class));
				interceptor.postHandle(http, null, method, null);
			}
			finally {
				interceptor.afterCompletion(http, null, method, null);
			}
		};
	}

	private static MockHttpServletRequest get() {
		return new MockHttpServletRequest("GET", "/public");
	}

	private static HikariDataSource database(String name) {
		var dataSource = new HikariDataSource();
		dataSource.setJdbcUrl("jdbc:h2:mem:replica_" + name + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
		dataSource.setMaximumPoolSize(2);
		var jdbc = new JdbcTemplate(dataSource);
		jdbc.execute("CREATE TABLE whoami (name VARCHAR(10))");
		jdbc.update("INSERT INTO whoami VALUES (?)", name);
		return dataSource;
	}

	static final class Handlers {

		@ReadsOnly
		public void read() {
		}

		public void readAndWrite() {
		}

	}

}
