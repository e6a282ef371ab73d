package org.minitwit.signin;

import java.util.Collection;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import static org.minitwit.database.Rows.requireAtMostOne;
import static org.minitwit.database.Rows.requireOneUpserted;

/**
 * The {@code sign_in_attempts} table: failed sign-ins per key, each in a window of fixed
 * length that starts at its first failure. Times are epoch milliseconds;
 * {@link SignInThrottle} chooses the keys and the window.
 */
@Repository
class SignInAttemptRepository {

	private final JdbcClient jdbc;

	SignInAttemptRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** The failures of a key in its open window. */
	record Window(String key, long start, int failures) {
	}

	/**
	 * The windows of these keys that started after {@code startedAfter}, that is those
	 * still open.
	 */
	List<Window> openWindows(Collection<String> keys, long startedAfter) {
		return jdbc.sql("""
				SELECT attempt_key, window_start, failures
				FROM sign_in_attempts
				WHERE attempt_key IN (:keys) AND window_start > :startedAfter
				""")
			.param("keys", keys)
			.param("startedAfter", startedAfter)
			.query((rs, row) -> new Window(rs.getString("attempt_key"), rs.getLong("window_start"),
					rs.getInt("failures")))
			.list();
	}

	/**
	 * Counts one failure: one more in the key's open window, or the first of a new window
	 * starting {@code now} when the key has none open (no row, or one that started at or
	 * before {@code startedAfter}). One statement, so that failures arriving at once on
	 * several instances are all counted. {@code failures} is assigned first: MySQL
	 * evaluates the assignments left to right, and both must see the old
	 * {@code window_start}.
	 */
	void countFailure(String key, long now, long startedAfter) {
		requireOneUpserted(jdbc.sql("""
				INSERT INTO sign_in_attempts (attempt_key, window_start, failures)
				VALUES (:key, :now, 1)
				ON DUPLICATE KEY UPDATE
				    failures = CASE WHEN window_start > :startedAfter THEN failures + 1 ELSE 1 END,
				    window_start = CASE WHEN window_start > :startedAfter THEN window_start ELSE :now END
				""").param("key", key).param("now", now).param("startedAfter", startedAfter).update());
	}

	void forget(String key) {
		requireAtMostOne(jdbc.sql("DELETE FROM sign_in_attempts WHERE attempt_key = :key").param("key", key).update());
	}

	/**
	 * @return how many windows that started at or before {@code startedAtOrBefore} were
	 * deleted
	 */
	int deleteExpired(long startedAtOrBefore) {
		return jdbc.sql("DELETE FROM sign_in_attempts WHERE window_start <= :startedAtOrBefore")
			.param("startedAtOrBefore", startedAtOrBefore)
			.update();
	}

}
