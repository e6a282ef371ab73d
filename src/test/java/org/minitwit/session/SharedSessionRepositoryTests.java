package org.minitwit.session;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.minitwit.session.SharedSessionRepository.StoredSession;

import org.springframework.session.MapSession;

import static org.assertj.core.api.Assertions.assertThat;

class SharedSessionRepositoryTests {

	private final Instant stored = Instant.parse("2026-11-30T12:00:00Z");

	@Test
	void lastAccessMovesOnlyOnceItIsAStepBehind() {
		var row = new MapSession();
		row.setLastAccessedTime(stored);
		var session = new StoredSession(row);

		session.setLastAccessedTime(stored.plus(SharedSessionRepository.LAST_ACCESS_RESOLUTION).minusMillis(1));
		assertThat(row.getLastAccessedTime()).isEqualTo(stored);

		session.setLastAccessedTime(stored.plus(SharedSessionRepository.LAST_ACCESS_RESOLUTION));
		assertThat(row.getLastAccessedTime()).isEqualTo(stored.plus(SharedSessionRepository.LAST_ACCESS_RESOLUTION));
	}

	@Test
	void aSessionExpiresAtMostOneStepEarlierThanItsInterval() {
		var row = new MapSession();
		row.setMaxInactiveInterval(Duration.ofDays(7));
		row.setLastAccessedTime(stored);
		var session = new StoredSession(row);
		session.setLastAccessedTime(stored.plusSeconds(59));

		assertThat(session.isExpired()).isFalse();
		assertThat(session.getLastAccessedTime().plus(session.getMaxInactiveInterval())).isAfterOrEqualTo(
				stored.plusSeconds(59).plus(Duration.ofDays(7)).minus(SharedSessionRepository.LAST_ACCESS_RESOLUTION));
	}

}
