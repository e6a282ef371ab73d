package org.minitwit.session;

import java.io.IOException;
import java.util.Map;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;

import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;

/**
 * Spring Session's filter saves the session when the response is committed, and then, in
 * its own clean-up, reads the session back from the database only to learn its id again
 * (spring-session issue 1731): a SELECT in a transaction of its own, four of the fourteen
 * statements a signed-in page sends. Within one request, {@link Repository} answers that
 * read with the session the request has just saved. It remembers nothing beyond the
 * request: this filter, placed around Spring Session's, opens and closes what it
 * remembers, and outside it every call goes to the database.
 */
class SessionRereadFilter implements Filter {

	private static final ThreadLocal<SavedSession> saved = new ThreadLocal<>();

	@Override
	public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
			throws IOException, ServletException {
		// An error or forward dispatch inside the request gets its own, then the outer
		// one is back.
		var outer = saved.get();
		saved.set(new SavedSession());
		try {
			chain.doFilter(request, response);
		}
		finally {
			if (outer == null) {
				saved.remove();
			}
			else {
				saved.set(outer);
			}
		}
	}

	private static final class SavedSession {

		private Session session;

	}

	/**
	 * The JDBC session repository, answering a read of the session this request saved
	 * from memory. Its sessions are the JDBC repository's own (whose type is not public).
	 */
	static final class Repository implements FindByIndexNameSessionRepository<Session> {

		private final FindByIndexNameSessionRepository<Session> database;

		@SuppressWarnings("unchecked")
		Repository(FindByIndexNameSessionRepository<? extends Session> database) {
			this.database = (FindByIndexNameSessionRepository<Session>) database;
		}

		@Override
		public Session createSession() {
			return database.createSession();
		}

		@Override
		public void save(Session session) {
			database.save(session);
			var memo = saved.get();
			if (memo != null) {
				memo.session = session;
			}
		}

		@Override
		public Session findById(String id) {
			var memo = saved.get();
			if (memo != null && memo.session != null && memo.session.getId().equals(id) && !memo.session.isExpired()) {
				return memo.session;
			}
			return database.findById(id);
		}

		@Override
		public void deleteById(String id) {
			var memo = saved.get();
			if (memo != null) {
				memo.session = null;
			}
			database.deleteById(id);
		}

		@Override
		public Map<String, Session> findByIndexNameAndIndexValue(String indexName, String indexValue) {
			return database.findByIndexNameAndIndexValue(indexName, indexValue);
		}

	}

}
