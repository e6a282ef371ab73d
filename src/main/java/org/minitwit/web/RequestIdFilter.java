package org.minitwit.web;

import java.io.IOException;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.MDC;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Gives every request an id, sent back as {@code X-Request-Id} and put in every log line
 * of the request (the logging MDC, which the JSON log format writes out): the caller's
 * own {@code X-Request-Id}, else the Application Load Balancer's {@code X-Amzn-Trace-Id}
 * (which its access logs hold too), else a new one. A header that does not look like an
 * id is not taken, so that no caller writes what it likes into the logs.
 */
class RequestIdFilter extends OncePerRequestFilter {

	static final String HEADER = "X-Request-Id";

	static final String LOAD_BALANCER_HEADER = "X-Amzn-Trace-Id";

	/** The logging MDC key. */
	static final String MDC_KEY = "requestId";

	private static final String ATTRIBUTE = RequestIdFilter.class.getName();

	/**
	 * Ids of tracing systems and load balancers: letters, digits and a few separators.
	 */
	private static final Pattern ID = Pattern.compile("[A-Za-z0-9._:;=/+-]{1,200}");

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		// The error page is a second dispatch of the same request: it keeps the first
		// one's id.
		String id = (request.getAttribute(ATTRIBUTE) instanceof String earlier) ? earlier : idOf(request);
		request.setAttribute(ATTRIBUTE, id);
		response.setHeader(HEADER, id);
		MDC.put(MDC_KEY, id);
		try {
			chain.doFilter(request, response);
		}
		finally {
			MDC.remove(MDC_KEY);
		}
	}

	@Override
	protected boolean shouldNotFilterErrorDispatch() {
		return false;
	}

	private static String idOf(HttpServletRequest request) {
		for (String header : new String[] { HEADER, LOAD_BALANCER_HEADER }) {
			String value = request.getHeader(header);
			if (value != null && ID.matcher(value).matches()) {
				return value;
			}
		}
		return newId();
	}

	/** 128 random bits: unique enough to find one request's lines, and cheap. */
	private static String newId() {
		var random = ThreadLocalRandom.current();
		return HexFormat.of().toHexDigits(random.nextLong()) + HexFormat.of().toHexDigits(random.nextLong());
	}

}
