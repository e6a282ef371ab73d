package org.minitwit.session;

import java.io.IOException;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;

import org.minitwit.session.SharedSessionRepository.StoredSession;

/**
 * What {@link SharedSessionRepository} remembers of a request: the session it saved.
 * Placed around Spring Session's filter, it opens the memo when a request enters and
 * closes it when the request leaves, so that nothing is remembered beyond the request;
 * outside it every read goes to the database.
 */
class RequestScope implements Filter {

	private static final ThreadLocal<Memo> current = new ThreadLocal<>();

	@Override
	public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
			throws IOException, ServletException {
		// An error or forward dispatch inside the request gets its own, then the outer
		// one is back.
		var outer = current.get();
		current.set(new Memo());
		try {
			chain.doFilter(request, response);
		}
		finally {
			if (outer == null) {
				current.remove();
			}
			else {
				current.set(outer);
			}
		}
	}

	static void remember(StoredSession saved) {
		var memo = current.get();
		if (memo != null) {
			memo.saved = saved;
		}
	}

	/**
	 * @return the session this request saved under that id, if it is still valid
	 */
	static StoredSession saved(String id) {
		var memo = current.get();
		var saved = memo == null ? null : memo.saved;
		return saved != null && saved.getId().equals(id) && !saved.isExpired() ? saved : null;
	}

	static void forget() {
		remember(null);
	}

	private static final class Memo {

		private StoredSession saved;

	}

}
