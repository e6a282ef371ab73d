package org.minitwit.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a form whose fields hold control characters other than tab, line feed and
 * carriage return (a NUL byte, say) with the 400 page, as the server already refuses
 * bytes that are not UTF-8. No browser sends them from a form; stored, they would end up
 * raw in pages, where HTML has no use for them. Its place in the chain:
 * {@link RequestPipeline}.
 */
public class ControlCharacterFilter extends OncePerRequestFilter {

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if ("POST".equals(request.getMethod()) && hasControlCharacters(request)) {
			response.sendError(HttpServletResponse.SC_BAD_REQUEST);
			return;
		}
		chain.doFilter(request, response);
	}

	private static boolean hasControlCharacters(HttpServletRequest request) {
		for (var field : request.getParameterMap().entrySet()) {
			if (hasControlCharacters(field.getKey())) {
				return true;
			}
			for (String value : field.getValue()) {
				if (hasControlCharacters(value)) {
					return true;
				}
			}
		}
		return false;
	}

	/**
	 * Also for text that does not come as a form field, such as the API's JSON bodies.
	 */
	public static boolean hasControlCharacters(String text) {
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if ((c < ' ' && c != '\t' && c != '\n' && c != '\r') || c == '\u007f') {
				return true;
			}
		}
		return false;
	}

}
