package org.minitwit.web;

import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Locale;
import java.util.Map;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.WebContext;
import org.thymeleaf.web.servlet.JakartaServletWebApplication;

import org.springframework.core.NestedExceptionUtils;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.transaction.TransactionTimedOutException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers with the 503 page when the database cannot be reached, wherever in the request
 * that is found out: loading the session, in a controller, or saving the session. It runs
 * outside the session filter and renders without a session, since the session lives in
 * that database too.
 */
public class DatabaseOutageFilter extends OncePerRequestFilter {

	/**
	 * Request attribute set by a client's door that speaks JSON (the simulator API): the
	 * 503 is then its JSON error, which its clients read, rather than the page.
	 */
	public static final String ANSWER_IN_JSON = DatabaseOutageFilter.class.getName() + ".json";

	private static final String UNAVAILABLE_JSON = """
			{"status":503,"error_msg":"The database is unavailable. Please try again in a moment."}""";

	private static final Log log = LogFactory.getLog(DatabaseOutageFilter.class);

	private final ITemplateEngine templates;

	private final Counter unavailable;

	DatabaseOutageFilter(ITemplateEngine templates, MeterRegistry meters) {
		this.templates = templates;
		this.unavailable = Counter.builder("minitwit.unavailable")
			.description("Requests answered with the 503 page: the database was unreachable or too slow")
			.register(meters);
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		try {
			chain.doFilter(request, new SessionSavedBeforeCommit(response));
		}
		catch (ServletException | IOException | RuntimeException ex) {
			if (!isDatabaseOutage(ex)) {
				throw ex;
			}
			if (response.isCommitted() && isRedirect(response)) {
				// Spring Session saved the session before the redirect was sent, then
				// looked the session
				// up once more after the request and found the database gone. The
				// redirect is complete and
				// true (what it acknowledges happened), so it goes out rather than an
				// error page.
				log.warn("Database unavailable after " + request.getMethod() + " " + LogText.of(request.getRequestURI())
						+ " had been answered with a redirect: " + rootMessage(ex));
				return;
			}
			if (response.isCommitted()) {
				// Too late for the 503 page: part of the page may have gone. Letting the
				// exception through
				// makes Tomcat close the connection rather than end a page that may be
				// incomplete.
				log.warn("Database unavailable after the answer to " + request.getMethod() + " "
						+ LogText.of(request.getRequestURI()) + " had begun; it is cut short: " + rootMessage(ex));
				throw ex;
			}
			log.warn("Database unavailable, answered " + request.getMethod() + " " + LogText.of(request.getRequestURI())
					+ " with 503: " + rootMessage(ex));
			renderUnavailable(request, response);
		}
	}

	/**
	 * Unreachable (no connection within the pool's timeout), gone mid-statement (the
	 * driver's CommunicationsException is an SQLRecoverableException, which Spring
	 * translates to a RecoverableDataAccessException; a rollback on a lost connection is
	 * a plain SQLException of SQL state class 08, connection exception; so is a commit or
	 * rollback on a connection the pool has already closed as broken, which has no SQL
	 * state), or too slow (a statement cancelled by its query timeout, a transaction past
	 * its timeout): all say "try again later", none is a bug.
	 */
	static boolean isDatabaseOutage(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof DataAccessResourceFailureException || cause instanceof TransientDataAccessException
					|| cause instanceof RecoverableDataAccessException
					|| cause instanceof CannotCreateTransactionException
					|| cause instanceof TransactionTimedOutException || cause instanceof SQLTransientException
					|| cause instanceof SQLNonTransientConnectionException || cause instanceof SQLRecoverableException
					|| cause instanceof SQLException sql && sql.getSQLState() != null
							&& sql.getSQLState().startsWith("08")
					|| cause instanceof TransactionSystemException && cause.getCause() instanceof SQLException) {
				return true;
			}
		}
		return false;
	}

	private static boolean isRedirect(HttpServletResponse response) {
		return response.getStatus() >= 300 && response.getStatus() < 400;
	}

	private void renderUnavailable(HttpServletRequest request, HttpServletResponse response) throws IOException {
		this.unavailable.increment();
		response.resetBuffer();
		response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
		response.setHeader("Retry-After", "5");
		response.setHeader("Cache-Control", "no-store");
		if (request.getAttribute(ANSWER_IN_JSON) != null) {
			response.setContentType("application/json;charset=UTF-8");
			response.getWriter().write(UNAVAILABLE_JSON);
			return;
		}
		response.setContentType("text/html;charset=UTF-8");
		var exchange = JakartaServletWebApplication.buildApplication(getServletContext())
			.buildExchange(request, response);
		var context = new WebContext(exchange, Locale.ENGLISH, Map.of("status", 503));
		templates.process("error", context, response.getWriter());
	}

	/**
	 * Spring Session saves the session just before the response is committed, so that a
	 * failure to save can still be answered with this filter's 503 page. It decides when
	 * that is by counting the characters written against the buffer size, but Tomcat's
	 * buffer counts bytes: with enough UTF-8 characters of several bytes, Tomcat sent the
	 * first part of a page before the session was saved, and a database that failed at
	 * that moment left the browser with a page cut short. Telling the filters inside a
	 * quarter of the real size makes them save the session while it still fits (no
	 * character takes more than 4 bytes).
	 */
	private static final class SessionSavedBeforeCommit extends HttpServletResponseWrapper {

		SessionSavedBeforeCommit(HttpServletResponse response) {
			super(response);
		}

		@Override
		public int getBufferSize() {
			return Math.max(1, super.getBufferSize() / 4);
		}

	}

	private static String rootMessage(Throwable ex) {
		Throwable root = NestedExceptionUtils.getMostSpecificCause(ex);
		return root.getClass().getSimpleName() + ": " + root.getMessage();
	}

}
