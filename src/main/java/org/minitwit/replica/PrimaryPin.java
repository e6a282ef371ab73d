package org.minitwit.replica;

import java.time.Clock;
import java.time.Duration;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Read-your-writes: after a user's write is answered, their reads go to the primary for a
 * window longer than the replica may lag, whichever instance answers them. The window
 * travels with the browser, in a cookie holding its end, so it costs the database
 * nothing. A cookie made up by the client gains it nothing: one that ends further away
 * than a window counts for none, and a window is what any write earns.
 */
final class PrimaryPin {

	static final String COOKIE = "minitwit_primary";

	private final Duration window;

	private final Clock clock;

	PrimaryPin(Duration window, Clock clock) {
		this.window = window;
		this.clock = clock;
	}

	boolean isPinned(HttpServletRequest request) {
		Cookie[] cookies = request.getCookies();
		if (cookies == null) {
			return false;
		}
		long now = clock.millis();
		for (Cookie cookie : cookies) {
			if (COOKIE.equals(cookie.getName())) {
				long until = parse(cookie.getValue());
				if (until > now && until <= now + window.toMillis()) {
					return true;
				}
			}
		}
		return false;
	}

	/** Called as the answer to a write is committed, when the write is done. */
	void pin(HttpServletRequest request, HttpServletResponse response) {
		var cookie = new Cookie(COOKIE, String.valueOf(clock.millis() + window.toMillis()));
		cookie.setPath("/");
		cookie.setMaxAge(Math.toIntExact(window.toSeconds() + 1));
		cookie.setHttpOnly(true);
		cookie.setSecure(request.isSecure());
		cookie.setAttribute("SameSite", "Lax");
		response.addCookie(cookie);
	}

	private static long parse(String value) {
		try {
			return Long.parseLong(value);
		}
		catch (NumberFormatException ex) {
			return 0;
		}
	}

}
