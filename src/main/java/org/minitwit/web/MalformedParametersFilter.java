package org.minitwit.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.apache.tomcat.util.http.InvalidParameterException;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Reads the query and form parameters first, so that a request whose parameters cannot be
 * read (an escape of bytes that are not UTF-8, such as {@code ?before=%FF}, or a form
 * over the size limit) is answered with its error page here, once. Read later, by a
 * controller, the server's exception would escape the application and be logged as an
 * error with a stack trace: some twenty kilobytes of log for a request of forty bytes.
 * Such a request is the client's mistake, so it gets one line, at debug level, with the
 * path made safe for a log line. Its place in the chain: {@link RequestPipeline}.
 */
class MalformedParametersFilter extends OncePerRequestFilter {

	private static final Log log = LogFactory.getLog(MalformedParametersFilter.class);

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		try {
			request.getParameterMap();
		}
		catch (InvalidParameterException ex) {
			int status = ex.getErrorCode() >= 400 ? ex.getErrorCode() : HttpServletResponse.SC_BAD_REQUEST;
			if (log.isDebugEnabled()) {
				log.debug("Answered " + request.getMethod() + " " + LogText.of(request.getRequestURI()) + " with "
						+ status + ": its parameters cannot be read");
			}
			response.sendError(status);
			return;
		}
		chain.doFilter(request, response);
	}

}
