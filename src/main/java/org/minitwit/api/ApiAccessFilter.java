package org.minitwit.api;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.minitwit.signin.SignInThrottle;
import org.minitwit.web.DatabaseOutageFilter;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The API's door, in its security chain: the client address's sign-in throttle first (a
 * refused request tells nothing, even with the right password), then the Basic
 * credentials, compared in constant time by their digests (the password is never hashed
 * slowly, nor logged), then {@code ?latest=}, recorded before anything else is done so
 * that it counts also when the request then fails. Only credentials presented and wrong
 * count as a failure; a request without any cannot be guessing.
 */
class ApiAccessFilter extends OncePerRequestFilter {

	static final String TOO_MANY_FAILURES = "Too many failed attempts from your address. Please wait a few minutes.";

	static final String BODY_TOO_LARGE = "The request body can have at most " + BoundedBody.MAX_BYTES + " bytes";

	private final byte[] credentials;

	private final SignInThrottle throttle;

	private final LatestRepository latest;

	private final JsonMapper json;

	ApiAccessFilter(ApiProperties properties, SignInThrottle throttle, LatestRepository latest, JsonMapper json) {
		this.credentials = digest(properties.user() + ":" + properties.password());
		this.throttle = throttle;
		this.latest = latest;
		this.json = json;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		request.setAttribute(DatabaseOutageFilter.ANSWER_IN_JSON, Boolean.TRUE);
		String address = request.getRemoteAddr();
		var refusal = throttle.addressRefusal(address);
		if (refusal.isPresent()) {
			response.setHeader(HttpHeaders.RETRY_AFTER,
					String.valueOf(Math.max(1, (refusal.get().toMillis() + 999) / 1000)));
			ApiError.of(HttpStatus.TOO_MANY_REQUESTS, TOO_MANY_FAILURES).writeTo(response, json);
			return;
		}
		String presented = basicCredentials(request.getHeader(HttpHeaders.AUTHORIZATION));
		if (presented == null || !MessageDigest.isEqual(credentials, digest(presented))) {
			if (presented != null) {
				throttle.addressFailed(address);
			}
			ApiError.of(HttpStatus.FORBIDDEN, ApiError.NOT_AUTHORIZED).writeTo(response, json);
			return;
		}
		var context = SecurityContextHolder.createEmptyContext();
		context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(presented.split(":", 2)[0], null,
				AuthorityUtils.createAuthorityList("ROLE_SIMULATOR")));
		SecurityContextHolder.setContext(context);
		recordLatest(request.getParameter("latest"));
		if (request.getContentLengthLong() > BoundedBody.MAX_BYTES) {
			ApiError.of(HttpStatus.CONTENT_TOO_LARGE, BODY_TOO_LARGE).writeTo(response, json);
			return;
		}
		chain.doFilter(new BoundedBody(request), response);
	}

	/** Only an integer counts; anything else is ignored, as the protocol says. */
	private void recordLatest(String value) {
		if (value == null) {
			return;
		}
		long parsed;
		try {
			parsed = Long.parseLong(value);
		}
		catch (NumberFormatException notAnInteger) {
			return;
		}
		latest.set(parsed);
	}

	/**
	 * {@code user:password} from a Basic header; null if there is none or it is garbled.
	 */
	private static String basicCredentials(String header) {
		if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
			return null;
		}
		try {
			String decoded = new String(Base64.getDecoder().decode(header.substring(6).strip()),
					StandardCharsets.UTF_8);
			return decoded.contains(":") ? decoded : null;
		}
		catch (IllegalArgumentException notBase64) {
			return null;
		}
	}

	private static byte[] digest(String text) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException everyJavaHasIt) {
			throw new IllegalStateException(everyJavaHasIt);
		}
	}

}
