package org.minitwit.signin;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.minitwit.support.MiniTwitJdbcSlice;
import org.minitwit.support.Race;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import static org.assertj.core.api.Assertions.assertThat;

@MiniTwitJdbcSlice
@Import(SignInAttemptRepository.class)
abstract class SignInAttemptRepositoryTests {

	private static final String KEY = "a".repeat(64);

	private static final String OTHER_KEY = "b".repeat(64);

	private static final long NOW = 1_700_000_000_000L;

	private static final long WINDOW = 900_000;

	@Autowired
	SignInAttemptRepository attempts;

	@Autowired
	JdbcClient jdbc;

	@Test
	void theFirstFailureOpensAWindowAndTheNextOnesCountInIt() {
		attempts.countFailure(KEY, NOW, NOW - WINDOW);
		attempts.countFailure(KEY, NOW + 1000, NOW + 1000 - WINDOW);
		attempts.countFailure(KEY, NOW + 2000, NOW + 2000 - WINDOW);

		assertThat(attempts.openWindows(List.of(KEY, OTHER_KEY), NOW + 2000 - WINDOW))
			.containsExactly(new SignInAttemptRepository.Window(KEY, NOW, 3));
	}

	@Test
	void aFailureAfterTheWindowStartsANewOneFromOne() {
		attempts.countFailure(KEY, NOW, NOW - WINDOW);
		attempts.countFailure(KEY, NOW + 1, NOW + 1 - WINDOW);
		long later = NOW + WINDOW;

		assertThat(attempts.openWindows(List.of(KEY), later - WINDOW)).as("expired, so not open").isEmpty();
		attempts.countFailure(KEY, later, later - WINDOW);

		assertThat(attempts.openWindows(List.of(KEY), later - WINDOW))
			.containsExactly(new SignInAttemptRepository.Window(KEY, later, 1));
	}

	@Test
	void keysAreCountedApart() {
		attempts.countFailure(KEY, NOW, NOW - WINDOW);
		attempts.countFailure(OTHER_KEY, NOW, NOW - WINDOW);
		attempts.countFailure(OTHER_KEY, NOW, NOW - WINDOW);

		assertThat(attempts.openWindows(List.of(KEY, OTHER_KEY), NOW - WINDOW)).containsExactlyInAnyOrder(
				new SignInAttemptRepository.Window(KEY, NOW, 1), new SignInAttemptRepository.Window(OTHER_KEY, NOW, 2));
	}

	@Test
	void aForgottenKeyHasNoWindowAndForgettingTwiceIsFine() {
		attempts.countFailure(KEY, NOW, NOW - WINDOW);
		attempts.countFailure(OTHER_KEY, NOW, NOW - WINDOW);

		attempts.forget(KEY);
		attempts.forget(KEY);

		assertThat(attempts.openWindows(List.of(KEY, OTHER_KEY), NOW - WINDOW)).extracting(w -> w.key())
			.containsExactly(OTHER_KEY);
	}

	@Test
	void deletesOnlyExpiredWindows() {
		attempts.countFailure(KEY, NOW, NOW - WINDOW);
		attempts.countFailure(OTHER_KEY, NOW + 1, NOW + 1 - WINDOW);

		assertThat(attempts.deleteExpired(NOW)).isOne();

		assertThat(jdbc.sql("SELECT attempt_key FROM sign_in_attempts").query(String.class).list())
			.containsExactly(OTHER_KEY);
	}

	/** Failures racing on two connections (two instances) are both counted. */
	@Test
	@Transactional(propagation = Propagation.NOT_SUPPORTED)
	void concurrentFailuresAreAllCounted() throws Exception {
		try {
			for (int round = 1; round <= 10; round++) {
				long now = NOW + round;
				Race.run(() -> attempts.countFailure(KEY, now, now - WINDOW),
						() -> attempts.countFailure(KEY, now, now - WINDOW));
				assertThat(attempts.openWindows(List.of(KEY), now - WINDOW)).singleElement()
					.extracting(SignInAttemptRepository.Window::failures)
					.as("round " + round)
					.isEqualTo(2 * round);
			}
		}
		finally {
			jdbc.sql("DELETE FROM sign_in_attempts").update();
		}
	}

}
