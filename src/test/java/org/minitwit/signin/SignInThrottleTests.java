package org.minitwit.signin;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.minitwit.support.MiniTwitJdbcSlice;
import org.minitwit.support.UsesH2Database;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.minitwit.signin.FixedWindows.WINDOW;
import static org.minitwit.signin.SignInThrottle.MAX_FAILURES_PER_ADDRESS;
import static org.minitwit.signin.SignInThrottle.MAX_FAILURES_PER_DEVICE;
import static org.minitwit.signin.SignInThrottle.MAX_FAILURES_PER_NAME;
import static org.minitwit.signin.SignInThrottle.MAX_FAILURES_PER_NAME_AND_ADDRESS;

/** The limits and the window, on the real table, with a clock the test moves. */
@MiniTwitJdbcSlice
@UsesH2Database
@Import(SignInAttemptRepository.class)
class SignInThrottleTests {

	private static final String ADDRESS = "203.0.113.5";

	private static final String ELSEWHERE = "198.51.100.7";

	@Autowired
	SignInAttemptRepository attempts;

	@Autowired
	JdbcClient jdbc;

	private final MovableClock clock = new MovableClock(Instant.parse("2026-01-01T12:00:00Z"));

	private SignInThrottle throttle;

	private SignUpThrottle signUps;

	@BeforeEach
	void throttle() {
		var windows = new FixedWindows(attempts, clock);
		throttle = new SignInThrottle(windows);
		signUps = new SignUpThrottle(windows);
	}

	@Test
	void theTenthFailureForANameFromAnAddressLocksItThereForFifteenMinutesFromTheFirst() {
		fail("alice", ADDRESS, MAX_FAILURES_PER_NAME_AND_ADDRESS - 1);
		assertThat(refusal("alice", ADDRESS)).isEmpty();
		clock.advance(Duration.ofMinutes(5));

		fail("alice", ADDRESS, 1);

		assertThat(refusal("alice", ADDRESS)).contains(Duration.ofMinutes(10));
		assertThat(refusal(" ALICE ", ADDRESS)).as("the same name").isPresent();
		assertThat(refusal("alice", ELSEWHERE)).as("from another address").isEmpty();
		assertThat(refusal("bob", ADDRESS)).as("other names from the same address").isEmpty();
		clock.advance(Duration.ofMinutes(10).minusMillis(1));
		assertThat(refusal("alice", ADDRESS)).contains(Duration.ofMillis(1));
		clock.advance(Duration.ofMillis(1));
		assertThat(refusal("alice", ADDRESS)).isEmpty();
	}

	@Test
	void theFiftiethFailureForANameFromAnywhereLocksItEverywhereButForItsDevices() {
		for (int i = 0; i < MAX_FAILURES_PER_NAME; i++) {
			fail("alice", "203.0.113." + (i / MAX_FAILURES_PER_NAME_AND_ADDRESS), 1);
		}

		assertThat(refusal("alice", ELSEWHERE)).contains(WINDOW);
		assertThat(throttle.refusal(new SignInThrottle.Attempt("alice", ELSEWHERE, Optional.of("device"))))
			.as("from a browser that signed in as alice before")
			.isEmpty();
	}

	@Test
	void aNewWindowCountsFromZero() {
		fail("alice", ADDRESS, MAX_FAILURES_PER_NAME_AND_ADDRESS);
		clock.advance(WINDOW);

		fail("alice", ADDRESS, MAX_FAILURES_PER_NAME_AND_ADDRESS - 1);

		assertThat(refusal("alice", ADDRESS)).isEmpty();
	}

	@Test
	void theFiftiethFailureFromAnAddressLocksItForEveryNameButNotForDevices() {
		for (int i = 0; i < MAX_FAILURES_PER_ADDRESS - 1; i++) {
			fail("guess" + i, ADDRESS, 1);
		}
		assertThat(refusal("anyone", ADDRESS)).isEmpty();

		fail("guess", ADDRESS, 1);

		assertThat(refusal("anyone", ADDRESS)).contains(WINDOW);
		assertThat(throttle.addressRefusal(ADDRESS)).contains(WINDOW);
		assertThat(refusal("anyone", ELSEWHERE)).as("from another address").isEmpty();
		assertThat(throttle.refusal(new SignInThrottle.Attempt("regular", ADDRESS, Optional.of("device")))).isEmpty();
	}

	@Test
	void failuresCountedForAnotherWayOfSigningInShareTheAddressLimit() {
		for (int i = 0; i < MAX_FAILURES_PER_ADDRESS; i++) {
			throttle.addressFailed(ADDRESS);
		}

		assertThat(throttle.addressRefusal(ADDRESS)).contains(WINDOW);
		assertThat(refusal("anyone", ADDRESS)).contains(WINDOW);
		assertThat(throttle.addressRefusal(ELSEWHERE)).isEmpty();
	}

	@Test
	void aDevicesFailuresCountAgainstItAloneAndAfterTenItIsLikeAnyBrowser() {
		var device = new SignInThrottle.Attempt("alice", ADDRESS, Optional.of("device"));
		for (int i = 0; i < MAX_FAILURES_PER_DEVICE; i++) {
			assertThat(throttle.refusal(device)).isEmpty();
			throttle.failed(device);
		}
		assertThat(refusal("alice", ADDRESS)).as("nothing counted for the name at the address").isEmpty();

		fail("alice", ADDRESS, MAX_FAILURES_PER_NAME_AND_ADDRESS);

		assertThat(throttle.refusal(device)).as("the device has used up its own").isPresent();
	}

	@Test
	void signingInForgivesTheDevicesFailuresAndNothingElse() {
		var device = new SignInThrottle.Attempt("alice", ADDRESS, Optional.of("device"));
		for (int i = 0; i < MAX_FAILURES_PER_DEVICE - 1; i++) {
			throttle.failed(device);
		}
		fail("alice", ADDRESS, MAX_FAILURES_PER_NAME_AND_ADDRESS);

		throttle.succeeded(device);
		throttle.failed(device);

		assertThat(throttle.refusal(device)).as("the device has one failure now").isEmpty();
		assertThat(refusal("alice", ADDRESS)).as("the name at the address keeps its ten").isPresent();
	}

	@Test
	void ipv6ClientsAreCountedPerSlash64() {
		for (int i = 0; i < MAX_FAILURES_PER_ADDRESS; i++) {
			fail("guess" + i, "2001:db8:1:2:0:0:0:" + Integer.toHexString(i + 1), 1);
		}

		assertThat(refusal("anyone", "2001:db8:1:2:ffff:ffff:ffff:ffff")).isPresent();
		assertThat(refusal("anyone", "2001:db8:1:3:0:0:0:1")).isEmpty();
	}

	@Test
	void signUpsPerAddressHaveALimitOfTheirOwn() {
		for (int i = 0; i < SignUpThrottle.MAX_SIGN_UPS_PER_ADDRESS; i++) {
			assertThat(signUps.refusal(ADDRESS)).isEmpty();
			signUps.counted(ADDRESS);
		}

		assertThat(signUps.refusal(ADDRESS)).contains(WINDOW);
		assertThat(signUps.refusal(ELSEWHERE)).isEmpty();
		assertThat(refusal("anyone", ADDRESS)).as("sign-ins from the address").isEmpty();
	}

	@Test
	void neitherTheTypedNameNorTheAddressIsStored() {
		fail("my secret password", ADDRESS, 1);

		assertThat(jdbc.sql("SELECT attempt_key FROM sign_in_attempts").query(String.class).list()).hasSize(3)
			.allMatch(key -> key.matches("[0-9a-f]{64}"));
	}

	@Test
	void expiredWindowsAreDeletedOnALaterFailure() {
		fail("alice", ADDRESS, 3);
		clock.advance(WINDOW.plusMinutes(1));

		fail("bob", ELSEWHERE, 1);

		assertThat(jdbc.sql("SELECT COUNT(*) FROM sign_in_attempts").query(Integer.class).single()).isEqualTo(3);
	}

	private Optional<Duration> refusal(String username, String address) {
		return throttle.refusal(new SignInThrottle.Attempt(username, address, Optional.empty()));
	}

	private void fail(String username, String address, int times) {
		for (int i = 0; i < times; i++) {
			throttle.failed(new SignInThrottle.Attempt(username, address, Optional.empty()));
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
