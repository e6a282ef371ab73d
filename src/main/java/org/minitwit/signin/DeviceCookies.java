package org.minitwit.signin;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.minitwit.user.User;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;
import org.springframework.stereotype.Component;

/**
 * OWASP's device cookies: a browser in which a user signed in gets a cookie that names
 * this device for that user, so that later sign-ins from it are told apart from guesses
 * ({@link SignInThrottle}). The cookie is a random device id and a MAC of it keyed with
 * the user's password hash: only MiniTwit can make one, every instance can check it
 * without storing anything, and a new password voids them all. It goes to the sign-in
 * page only, and to no script.
 */
@Component
class DeviceCookies {

	static final String NAME = "DEVICE";

	private static final Duration LIFETIME = Duration.ofDays(365);

	private static final String PATH = "/login";

	private final SecureRandom random = new SecureRandom();

	/**
	 * @return the id of the device, if the browser holds a cookie that this user's
	 * sign-in gave it
	 */
	Optional<String> deviceOf(HttpServletRequest request, User user) {
		if (request.getCookies() == null) {
			return Optional.empty();
		}
		for (Cookie cookie : request.getCookies()) {
			if (NAME.equals(cookie.getName())) {
				int dot = cookie.getValue().indexOf('.');
				if (dot > 0) {
					String device = cookie.getValue().substring(0, dot);
					byte[] mac = cookie.getValue().substring(dot + 1).getBytes(StandardCharsets.US_ASCII);
					if (MessageDigest.isEqual(mac, mac(user, device).getBytes(StandardCharsets.US_ASCII))) {
						return Optional.of(device);
					}
				}
			}
		}
		return Optional.empty();
	}

	/** A new cookie for this browser: it has just signed in as {@code user}. */
	void issue(HttpServletRequest request, HttpServletResponse response, User user) {
		byte[] id = new byte[18];
		random.nextBytes(id);
		String device = Base64.getUrlEncoder().withoutPadding().encodeToString(id);
		var cookie = ResponseCookie.from(NAME, device + "." + mac(user, device))
			.path(PATH)
			.maxAge(LIFETIME)
			.httpOnly(true)
			.secure(request.isSecure())
			.sameSite("Strict")
			.build();
		response.addHeader(HttpHeaders.SET_COOKIE, cookie.toString());
	}

	private static String mac(User user, String device) {
		try {
			var mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(user.pwHash().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			byte[] signed = mac.doFinal(("device:" + user.userId() + ":" + device).getBytes(StandardCharsets.UTF_8));
			return Base64.getUrlEncoder().withoutPadding().encodeToString(signed);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Every Java runtime has HmacSHA256", ex);
		}
	}

}
