package org.minitwit.session;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;

/**
 * Spring Session JDBC's repository, storing exactly what it stores, at a lower cost per
 * request:
 * <ul>
 * <li>reading a session is one statement, outside a transaction
 * ({@link SessionTransactions});</li>
 * <li>a session's last access is written at most once per
 * {@link #LAST_ACCESS_RESOLUTION}: otherwise every signed-in page would cost an UPDATE,
 * though only the expiry, days away, depends on it;</li>
 * <li>Spring Session's filter reads the session back at the end of a request only to
 * learn its id again (spring-session issue 1731): that read is answered with the session
 * the request has just saved ({@link RequestScope}).</li>
 * </ul>
 * Its sessions wrap the JDBC repository's own, whose type is not public.
 */
final class SharedSessionRepository implements FindByIndexNameSessionRepository<Session> {

	static final Duration LAST_ACCESS_RESOLUTION = Duration.ofMinutes(1);

	private final FindByIndexNameSessionRepository<Session> database;

	@SuppressWarnings("unchecked")
	SharedSessionRepository(FindByIndexNameSessionRepository<? extends Session> database) {
		this.database = (FindByIndexNameSessionRepository<Session>) database;
	}

	@Override
	public Session createSession() {
		return new StoredSession(database.createSession());
	}

	@Override
	public void save(Session session) {
		var stored = (StoredSession) session;
		database.save(stored.row);
		RequestScope.remember(stored);
	}

	@Override
	public Session findById(String id) {
		var saved = RequestScope.saved(id);
		if (saved != null) {
			return saved;
		}
		Session row = SessionTransactions.reading(() -> database.findById(id));
		return row == null ? null : new StoredSession(row);
	}

	@Override
	public void deleteById(String id) {
		RequestScope.forget();
		database.deleteById(id);
	}

	@Override
	public Map<String, Session> findByIndexNameAndIndexValue(String indexName, String indexValue) {
		return database.findByIndexNameAndIndexValue(indexName, indexValue);
	}

	/**
	 * A session as the database holds it, whose last access moves only in coarse steps.
	 */
	static final class StoredSession implements Session {

		private final Session row;

		StoredSession(Session row) {
			this.row = row;
		}

		@Override
		public void setLastAccessedTime(Instant lastAccessedTime) {
			if (!lastAccessedTime.isBefore(row.getLastAccessedTime().plus(LAST_ACCESS_RESOLUTION))) {
				row.setLastAccessedTime(lastAccessedTime);
			}
		}

		@Override
		public String getId() {
			return row.getId();
		}

		@Override
		public String changeSessionId() {
			return row.changeSessionId();
		}

		@Override
		public <T> T getAttribute(String attributeName) {
			return row.getAttribute(attributeName);
		}

		@Override
		public Set<String> getAttributeNames() {
			return row.getAttributeNames();
		}

		@Override
		public void setAttribute(String attributeName, Object attributeValue) {
			row.setAttribute(attributeName, attributeValue);
		}

		@Override
		public void removeAttribute(String attributeName) {
			row.removeAttribute(attributeName);
		}

		@Override
		public Instant getCreationTime() {
			return row.getCreationTime();
		}

		@Override
		public Instant getLastAccessedTime() {
			return row.getLastAccessedTime();
		}

		@Override
		public void setMaxInactiveInterval(Duration interval) {
			row.setMaxInactiveInterval(interval);
		}

		@Override
		public Duration getMaxInactiveInterval() {
			return row.getMaxInactiveInterval();
		}

		@Override
		public boolean isExpired() {
			return row.isExpired();
		}

	}

}
