package org.minitwit.timeline;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import org.springframework.util.DigestUtils;

/**
 * One message as a timeline shows it, with its author's name and email (for the avatar).
 */
record TimelineMessage(long messageId, String text, long pubDate, String username, String email) {

	private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd '@' HH:mm")
		.withZone(ZoneOffset.UTC);

	public String publishedAt() {
		return DATE.format(Instant.ofEpochSecond(pubDate));
	}

	/**
	 * Gravatar's own addressing scheme (an MD5 of the address), not a use of MD5 for
	 * security.
	 */
	public String avatarUrl() {
		byte[] address = email.strip().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8);
		return "https://www.gravatar.com/avatar/" + DigestUtils.md5DigestAsHex(address) + "?d=identicon&s=48";
	}

	Cursor cursor() {
		return new Cursor(pubDate, messageId);
	}

}
