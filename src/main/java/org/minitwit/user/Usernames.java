package org.minitwit.user;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.HexFormat;
import java.util.Locale;

import com.ibm.icu.lang.UCharacter;
import com.ibm.icu.lang.UProperty;
import com.ibm.icu.text.Normalizer2;
import com.ibm.icu.text.SpoofChecker;
import org.minitwit.web.FixedPaths;

import org.springframework.stereotype.Component;

/**
 * What makes a username: one name whatever its letter case, never one of the app's own
 * paths, and never one that reads like another user's.
 */
@Component
public class Usernames {

	public static final int MAX_LENGTH = 64;

	/**
	 * Unicode's checks for identifiers (UTS #39). A name keeps to one script, where
	 * Japanese (Han with kana), Korean (Hangul with Han) and Chinese with Bopomofo each
	 * count as one, as Unicode's augmented scripts have it; digits, spaces, punctuation
	 * and emoji belong to every script. Mixing Latin with those East Asian scripts, which
	 * Unicode's "highly restrictive" level would allow, is refused too: no name needs it,
	 * and one rule is easier to explain. Nor may a name mix kinds of digits, stack a mark
	 * on a letter that already shows it (an "i" with a second dot), or repeat a mark.
	 */
	private static final SpoofChecker checker = new SpoofChecker.Builder()
		.setChecks(SpoofChecker.RESTRICTION_LEVEL | SpoofChecker.MIXED_NUMBERS | SpoofChecker.INVISIBLE
				| SpoofChecker.HIDDEN_OVERLAY)
		.setRestrictionLevel(SpoofChecker.RestrictionLevel.SINGLE_SCRIPT_RESTRICTIVE)
		.build();

	private static final Normalizer2 caseFold = Normalizer2.getNFKCCasefoldInstance();

	private final FixedPaths fixedPaths;

	Usernames(FixedPaths fixedPaths) {
		this.fixedPaths = fixedPaths;
	}

	/**
	 * The form under which names are looked up: "Alice" and "alice" are one name, and so
	 * are names that only differ in how Unicode spells the same letters ("é" as one
	 * character or as "e" and an accent, a full-width "Ａ").
	 */
	public static String key(String username) {
		return Normalizer.normalize(username.strip(), Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
	}

	/**
	 * The form under which names are unique (a hash of it, to fit an index): names that
	 * read alike are one name. It is the UTS #39 skeleton of the case-folded name,
	 * case-folded once more (the skeleton of "0" is a capital "O"), with runs of spaces
	 * as one, none around it. So "аӏісе" in Cyrillic letters is "alice", "rn" is "m",
	 * and:
	 * <ul>
	 * <li>"straße" and "STRASSE" are one name: "SS" is how "ß" is written in capitals,
	 * and a German reader takes the two for one name (full case folding makes both
	 * "strasse");</li>
	 * <li>"İnci" and "inci" are one name: in Turkish "İ" is the capital of "i", and the
	 * skeleton already makes the dotless "ı" an "i", so all four Turkish i's are one
	 * letter here. Unicode's default folding would make "İ" an "i" with a second dot
	 * above, which would let "İnci" stand beside "inci" in capitals.</li>
	 * </ul>
	 */
	public static String lookAlikeKey(String username) {
		String folded = caseFold.normalize(username.strip().replace('\u0130', 'i'));
		String skeleton = caseFold.normalize(checker.getSkeleton(folded)).replaceAll(" {2,}", " ").strip();
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(skeleton.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every Java runtime has SHA-256", ex);
		}
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

	/**
	 * Characters that show nothing, or nothing but a blank, could make a second "alice"
	 * look like the first: Unicode's default-ignorables (variation selectors, fillers,
	 * joiners), every space but the plain one, and every character whose skeleton is
	 * blank (a blank Braille pattern, say). Marks that hide in a letter count too.
	 */
	static boolean hasHiddenCharacters(String username) {
		return username.codePoints().anyMatch(Usernames::isHidden)
				|| fails(username, SpoofChecker.INVISIBLE | SpoofChecker.HIDDEN_OVERLAY);
	}

	/** Letters of more than one script, or digits of more than one kind. */
	static boolean mixesScripts(String username) {
		return fails(username, SpoofChecker.RESTRICTION_LEVEL | SpoofChecker.MIXED_NUMBERS);
	}

	private static boolean isHidden(int c) {
		if (c == ' ') {
			return false;
		}
		return UCharacter.hasBinaryProperty(c, UProperty.DEFAULT_IGNORABLE_CODE_POINT)
				|| UCharacter.hasBinaryProperty(c, UProperty.WHITE_SPACE) || Character.isSpaceChar(c)
				|| checker.getSkeleton(Character.toString(c)).isBlank();
	}

	private static boolean fails(String username, int checks) {
		var result = new SpoofChecker.CheckResult();
		checker.failsChecks(username, result);
		return (result.checks & checks) != 0;
	}

}
