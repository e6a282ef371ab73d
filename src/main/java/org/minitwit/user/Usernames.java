package org.minitwit.user;

import java.text.Normalizer;
import java.util.Locale;

import org.minitwit.web.FixedPaths;

import org.springframework.stereotype.Component;

/**
 * What makes a username: one name whatever its letter case, and never one of the app's
 * own paths.
 */
@Component
public class Usernames {

	public static final int MAX_LENGTH = 64;

	private final FixedPaths fixedPaths;

	Usernames(FixedPaths fixedPaths) {
		this.fixedPaths = fixedPaths;
	}

	/**
	 * The form under which names are unique: "Alice" and "alice" are one name, and so are
	 * names that only differ in how Unicode spells the same letters ("é" as one character
	 * or as "e" and an accent, a full-width "Ａ").
	 */
	public static String key(String username) {
		return Normalizer.normalize(username.strip(), Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
	}

	/** A user so named would be unreachable: the path is the application's. */
	public boolean isReserved(String username) {
		return fixedPaths.contains(key(username));
	}

	/**
	 * A name must work as the path {@code /<username>}: no slash, and none of the
	 * characters that the server or its firewall refuse in a path, even encoded
	 * (backslash, percent, semicolon), nor ones a link would cut (question mark, hash),
	 * nor control characters, nor only dots.
	 */
	static boolean isPathSafe(String username) {
		if (username.chars().allMatch(c -> c == '.')) {
			return false;
		}
		return username.codePoints()
			.noneMatch(c -> "/\\%;?#".indexOf(c) >= 0 || Character.isISOControl(c)
					|| Character.getType(c) == Character.FORMAT);
	}

}
