package org.minitwit.signin;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.minitwit.support.MiniTwitJdbcTest;
import org.minitwit.support.UsesH2Database;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.minitwit.signin.SignInThrottle.MAX_FAILURES_PER_ADDRESS;
import static org.minitwit.signin.SignInThrottle.MAX_FAILURES_PER_USERNAME;
import static org.minitwit.signin.SignInThrottle.WINDOW;

/** The limits and the window, on the real table, with a clock the test moves. */
@MiniTwitJdbcTest
@UsesH2Database
@Import(SignInAttemptRepository.class)
class SignInThrottleTests {

	private static final String ADDRESS = "203.0.113.5";

	@Autowired
	SignInAttemptRepository attempts;

	@Autowired
	JdbcClient jdbc;

	private final MovableClock clock = new MovableClock(Instant.parse("2026-01-01T12:00:00Z"));

	private SignInThrottle throttle;

	@BeforeEach
	void throttle() {
		throttle = new SignInThrottle(attempts, clock);
	}

	@Test
	void theTenthFailureForAUsernameLocksItForFifteenMinutesFromTheFirst() {
		fail("alice", ADDRESS, MAX_FAILURES_PER_USERNAME - 1);
		assertThat(throttle.refusal("alice", ADDRESS)).isEmpty();
		clock.advance(Duration.ofMinutes(5));

		throttle.failed("alice", ADDRESS);

		assertThat(throttle.refusal("alice", ADDRESS)).contains(Duration.ofMinutes(10));
		assertThat(throttle.refusal(" ALICE ", "198.51.100.7")).as("the same name, from anywhere").isPresent();
		assertThat(throttle.refusal("bob", ADDRESS)).as("other names from the same address").isEmpty();
		clock.advance(Duration.ofMinutes(10).minusMillis(1));
		assertThat(throttle.refusal("alice", ADDRESS)).contains(Duration.ofMillis(1));
		clock.advance(Duration.ofMillis(1));
		assertThat(throttle.refusal("alice", ADDRESS)).isEmpty();
	}

	@Test
	void aNewWindowCountsFromZero() {
		fail("alice", ADDRESS, MAX_FAILURES_PER_USERNAME);
		clock.advance(WINDOW);

		fail("alice", ADDRESS, MAX_FAILURES_PER_USERNAME - 1);

		assertThat(throttle.refusal("alice", ADDRESS)).isEmpty();
	}

	@Test
	void theFiftiethFailureFromAnAddressLocksItForEveryUsername() {
		for (int i = 0; i < MAX_FAILURES_PER_ADDRESS - 1; i++) {
			throttle.failed("guess" + i, ADDRESS);
		}
		assertThat(throttle.refusal("anyone", ADDRESS)).isEmpty();

		throttle.failed("guess", ADDRESS);

		assertThat(throttle.refusal("anyone", ADDRESS)).contains(WINDOW);
		assertThat(throttle.refusal("anyone", "198.51.100.7")).as("from another address").isEmpty();
	}

	@Test
	void ipv6ClientsAreCountedPerSlash64() {
		for (int i = 0; i < MAX_FAILURES_PER_ADDRESS; i++) {
			throttle.failed("guess" + i, "2001:db8:1:2:0:0:0:" + Integer.toHexString(i + 1));
		}

		assertThat(throttle.refusal("anyone", "2001:db8:1:2:ffff:ffff:ffff:ffff")).isPresent();
		assertThat(throttle.refusal("anyone", "2001:db8:1:3:0:0:0:1")).isEmpty();
	}

	@Test
	void signingInForgivesTheUsernameButNotTheAddress() {
		for (int i = 0; i < MAX_FAILURES_PER_ADDRESS - 1; i++) {
			throttle.failed(i < MAX_FAILURES_PER_USERNAME - 1 ? "alice" : "guess" + i, ADDRESS);
		}

		throttle.succeeded("Alice");
		throttle.failed("alice", ADDRESS);

		assertThat(throttle.refusal("alice", "198.51.100.7")).as("alice has one failure now").isEmpty();
		assertThat(throttle.refusal("bob", ADDRESS)).as("the address has its fifty").isPresent();
	}

	@Test
	void neitherTheTypedNameNorTheAddressIsStored() {
		throttle.failed("my secret password", ADDRESS);

		assertThat(jdbc.sql("SELECT attempt_key FROM sign_in_attempts").query(String.class).list()).hasSize(2)
			.allMatch(key -> key.matches("[0-9a-f]{64}"));
	}

	@Test
	void expiredWindowsAreDeletedOnALaterFailure() {
		fail("alice", ADDRESS, 3);
		clock.advance(WINDOW.plusMinutes(1));

		throttle.failed("bob", "198.51.100.7");

		assertThat(jdbc.sql("SELECT COUNT(*) FROM sign_in_attempts").query(Integer.class).single()).isEqualTo(2);
	}

	private void fail(String username, String address, int times) {
		for (int i = 0; i < times; i++) {
			throttle.failed(username, address);
		}
	}

	private static final class MovableClock extends Clock {

		private Instant now;

		MovableClock(Instant now) {
			this.now = now;
		}

		void advance(Duration duration) {
			now = now.plus(duration);
		}

		@Override
		public Instant instant() {
			return now;
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			throw new UnsupportedOperationException();
		}

	}

}
