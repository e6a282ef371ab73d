package org.minitwit.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.csrf.CsrfTokenRepository;
import org.springframework.security.web.csrf.HttpSessionCsrfTokenRepository;

/**
 * Where the CSRF token lives: in the session when the visitor has one (signed in, or just
 * shown a message after a form), otherwise in a cookie. So a signed-out visitor who only
 * reads pages and fetches the sign-in and sign-up forms makes the server store nothing,
 * however many requests it sends, while a signed-in user's token stays on the server, out
 * of reach of anyone who could set cookies for the site. The cookie is Spring Security's
 * double-submit cookie: HttpOnly (the forms carry the token), Secure behind TLS, and sent
 * only from the site's own pages. Signing in replaces the token
 * (CsrfAuthenticationStrategy), which clears both places and keeps the new token in the
 * session.
 */
final class SessionOrCookieCsrfTokens implements CsrfTokenRepository {

	private final HttpSessionCsrfTokenRepository session = new HttpSessionCsrfTokenRepository();

	private final CookieCsrfTokenRepository cookie = new CookieCsrfTokenRepository();

	SessionOrCookieCsrfTokens() {
		cookie.setCookieCustomizer(builder -> builder.sameSite("Lax"));
	}

	@Override
	public CsrfToken generateToken(HttpServletRequest request) {
		return session.generateToken(request);
	}

	@Override
	public void saveToken(CsrfToken token, HttpServletRequest request, HttpServletResponse response) {
		if (token == null) {
			session.saveToken(null, request, response);
			cookie.saveToken(null, request, response);
		}
		else if (request.getSession(false) != null) {
			session.saveToken(token, request, response);
		}
		else {
			cookie.saveToken(token, request, response);
		}
	}

	@Override
	public CsrfToken loadToken(HttpServletRequest request) {
		// With a session, its token or none: a cookie may have been set by someone else.
		return request.getSession(false) != null ? session.loadToken(request) : cookie.loadToken(request);
	}

}
