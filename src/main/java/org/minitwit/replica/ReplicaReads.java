package org.minitwit.replica;

import java.io.IOException;
import java.util.Set;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.security.web.util.OnCommittedResponseWrapper;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Decides per request whether its reads may go to the replica, and answers from the
 * primary when they fail there.
 * <ul>
 * <li>A write (any method but GET, HEAD, OPTIONS) in a session pins its user's reads to
 * the primary ({@link PrimaryPin}) as its answer goes out.</li>
 * <li>A read of a user who is not pinned, while the replica keeps up
 * ({@link ReplicaLag}), may use the replica: {@link ReadOnlyHandlers} then routes the
 * statements of a {@link ReadsOnly} handler there.</li>
 * <li>If that fails for a database reason, before anything of the answer has gone out,
 * the request is handled once more on the primary, and the replica is left alone until it
 * is well: the user sees the page, not an error.</li>
 * </ul>
 * Last in the filter chain, so that handling again runs the controller only.
 */
class ReplicaReads extends OncePerRequestFilter {

	private static final Log log = LogFactory.getLog(ReplicaReads.class);

	private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");

	/** Request attribute: the replica may answer this request's reads. */
	static final String ALLOWED = ReplicaReads.class.getName() + ".allowed";

	/** Request attribute: a statement of this request was routed to the replica. */
	static final String USED = ReplicaReads.class.getName() + ".used";

	private final PrimaryPin pin;

	private final ReplicaLag lag;

	ReplicaReads(PrimaryPin pin, ReplicaLag lag) {
		this.pin = pin;
		this.lag = lag;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (!READS.contains(request.getMethod())) {
			var pinning = new PinnedAsCommitted(request, response);
			chain.doFilter(request, pinning);
			pinning.onResponseCommitted();
			return;
		}
		if (pin.isPinned(request) || !lag.isUsable()) {
			chain.doFilter(request, response);
			return;
		}
		request.setAttribute(ALLOWED, Boolean.TRUE);
		try {
			chain.doFilter(request, response);
		}
		catch (ServletException | IOException | RuntimeException ex) {
			if (request.getAttribute(USED) == null || response.isCommitted()) {
				throw ex;
			}
			lag.failed(ex);
			log.warn("Answering " + request.getMethod() + " from the primary: the read replica failed: " + ex);
			request.removeAttribute(ALLOWED);
			request.removeAttribute(USED);
			response.resetBuffer();
			chain.doFilter(request, response);
		}
	}

	/** Pins the user once, when the answer to their write is committed or complete. */
	private final class PinnedAsCommitted extends OnCommittedResponseWrapper {

		private final HttpServletRequest request;

		private boolean pinned;

		PinnedAsCommitted(HttpServletRequest request, HttpServletResponse response) {
			super(response);
			this.request = request;
		}

		@Override
		protected void onResponseCommitted() {
			// A pin follows a browser's session; a client without one (the simulator API,
			// which never sets a cookie) has nothing to carry it.
			if (!pinned && !isCommitted() && request.getSession(false) != null) {
				pinned = true;
				pin.pin(request, (HttpServletResponse) getResponse());
			}
		}

	}

}
