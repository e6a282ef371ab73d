package org.minitwit.web;

/**
 * Text from a request, fit for one line of log: line breaks and other control characters
 * escaped, so that nobody can forge a line, and cut short, so that nobody can fill the
 * log with one request.
 */
public final class LogText {

	private static final int MAX_LENGTH = 200;

	private LogText() {
	}

	public static String of(String text) {
		if (text == null) {
			return "null";
		}
		var line = new StringBuilder();
		text.codePoints().limit(MAX_LENGTH).forEach(c -> {
			if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
				line.append(String.format("\\u%04x", c));
			}
			else {
				line.appendCodePoint(c);
			}
		});
		return text.codePointCount(0, text.length()) > MAX_LENGTH ? line.append("...").toString() : line.toString();
	}

}
