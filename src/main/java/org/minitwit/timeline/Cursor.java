package org.minitwit.timeline;

/**
 * A position in a timeline: pages continue with the messages strictly older than it,
 * newest first, ordered by publication time and then by id so that messages of one second
 * keep a stable order. In links it reads {@code <pubDate>-<messageId>}.
 */
public record Cursor(long pubDate, long messageId) {

	/** Before every message: the first page. */
	public static final Cursor START = new Cursor(Long.MAX_VALUE, Long.MAX_VALUE);

	/**
	 * Spring's conversion of the {@code before} request parameter; a malformed value is a
	 * 400.
	 */
	public static Cursor valueOf(String token) {
		int dash = token.indexOf('-');
		if (dash < 1) {
			throw new IllegalArgumentException("Not a timeline position: " + token);
		}
		return new Cursor(Long.parseLong(token.substring(0, dash)), Long.parseLong(token.substring(dash + 1)));
	}

	public String token() {
		return pubDate + "-" + messageId;
	}

}
