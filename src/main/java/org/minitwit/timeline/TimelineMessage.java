package org.minitwit.timeline;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Locale;

/** One message as a timeline shows it, with its author's name and email (for the avatar). */
public record TimelineMessage(long messageId, String text, long pubDate, String username, String email) {

	private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd '@' HH:mm")
		.withZone(ZoneOffset.UTC);

	public String publishedAt() {
		return DATE.format(Instant.ofEpochSecond(pubDate));
	}

	public String avatarUrl() {
		return gravatar(email, 48);
	}

	static String gravatar(String email, int size) {
		return "https://www.gravatar.com/avatar/" + md5Hex(email.strip().toLowerCase(Locale.ROOT))
				+ "?d=identicon&s=" + size;
	}

	private static String md5Hex(String text) {
		try {
			// Gravatar's own addressing scheme, not a use of MD5 for security.
			var md5 = MessageDigest.getInstance("MD5");
			return HexFormat.of().formatHex(md5.digest(text.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every Java runtime has MD5", ex);
		}
	}

	Cursor cursor() {
		return new Cursor(pubDate, messageId);
	}

}
