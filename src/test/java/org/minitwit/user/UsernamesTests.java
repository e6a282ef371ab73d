package org.minitwit.user;

import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class UsernamesTests {

	private final Usernames usernames = new Usernames(SignUpValidatorTests.routes("public"));

	@ParameterizedTest
	@CsvSource({ "Alice, alice", "ALICE, alice", "alice, alice", "'  Roger Histand ', roger histand", "Зоя, зоя",
			"ЗОЯ, зоя", "ΟΔΥΣΣΕΥΣ, οδυσσευς", "山田, 山田" })
	void keyFoldsLetterCaseAndSurroundingSpace(String username, String key) {
		assertThat(Usernames.key(username)).isEqualTo(key);
	}

	@ParameterizedTest
	@CsvSource({ "Jos\u00e9, Jose\u0301", "\uff21lice, alice", "Ca\u0301rdenas, C\u00c1RDENAS" })
	// Two spellings of one name look the same on screen; they must not be two users.
	void keyFoldsUnicodeSpellingsOfTheSameName(String oneSpelling, String another) {
		assertThat(Usernames.key(oneSpelling)).isEqualTo(Usernames.key(another));
	}

	@Test
	// A Turkish or Azeri default locale lower-cases "I" to a dotless "ı", which would
	// split one name in two.
	void keyDoesNotDependOnTheServersLocale() {
		var serverLocale = Locale.getDefault();
		try {
			Locale.setDefault(Locale.forLanguageTag("tr-TR"));

			assertThat(Usernames.key("IRIS")).isEqualTo("iris");
		}
		finally {
			Locale.setDefault(serverLocale);
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "public", "Public", "PUBLIC", " public ", "ＰＵＢＬＩＣ" })
	void routeNamesInAnyLetterCaseOrSpellingAreReserved(String username) {
		assertThat(usernames.isReserved(username)).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "alice", "publicity", "my public", "Roger Histand" })
	void otherNamesAreNotReserved(String username) {
		assertThat(usernames.isReserved(username)).isFalse();
	}

	@ParameterizedTest
	@ValueSource(strings = { "alice", "Roger Histand", "Зоя", "山田太郎", "o'brien", "a.b", "...a", "émile-zola_1", "😀" })
	void namesThatWorkAsAPathAreSafe(String username) {
		assertThat(Usernames.isPathSafe(username)).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "a/b", "/", "a\\b", "100%", "a;b", "why?", "#tag", ".", "..", "...", "tab\there",
			"new\nline", "nul\u0000", "zero\u200bwidth", "bidi\u202eoverride" })
	void namesThatWouldBreakOrDisguiseThePathAreNotSafe(String username) {
		assertThat(Usernames.isPathSafe(username)).isFalse();
	}

	@ParameterizedTest
	@CsvSource({ "alice, ALICE", "alice, \u0430\u04cf\u0456\u0441\u0435", "bob, b0b", "modern, rnodern",
			"stra\u00dfe, STRASSE", "inci, \u0130nci", "inci, \u0131nci", "INCI, \u0130NC\u0130", "'a b', 'a  b'",
			"alice, 'alice\u00a0'", "paypal, PAYPA1", "\u7530\u4e2d, \u7530\u4e2d" })
	// Decided here, explained at lookAlikeKey: straße/STRASSE and İnci/inci are one name.
	void namesThatReadAlikeHaveOneLookAlikeKey(String one, String another) {
		assertThat(Usernames.lookAlikeKey(another)).isEqualTo(Usernames.lookAlikeKey(one));
	}

	@ParameterizedTest
	@CsvSource({ "alice, alicia", "bob, bobby", "\u0420\u043e\u043c\u0430\u043d, Roman", "a b, ab",
			"\u7530\u4e2d, \u4e2d\u7530" })
	void namesThatReadDifferentlyHaveDifferentKeys(String one, String another) {
		assertThat(Usernames.lookAlikeKey(another)).isNotEqualTo(Usernames.lookAlikeKey(one));
	}

	@ParameterizedTest
	@ValueSource(strings = { "alice\u00a0", "ali\u3164ce", "alice\u2800", "alice\ufe0f", "a\u3000b", "a\u2009b",
			"ali\u0307ce", "\u115fbob", "bob\u034f", "i\u0307nci" })
	void namesWithInvisibleOrBlankCharactersAreHidden(String username) {
		assertThat(Usernames.hasHiddenCharacters(username)).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "\u0430lice", "alic\u0435", "b\u03bfb", "Taro \u7530\u4e2d", "\u0661\u0662 12" })
	void namesOfMoreThanOneScriptMixScripts(String username) {
		assertThat(Usernames.mixesScripts(username)).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "alice", "Roger Histand", "\u0420\u043e\u043c\u0430\u043d", "\u7530\u4e2d",
			"\u5c71\u7530\u305f\u308d\u3046", "\uae40\ubbfc\uc900", "\u0645\u0631\u062d\u0628\u0627 4",
			"\ud83d\ude00 Smile", "o'brien-2", "\u00c9mile Zola", "\u0130nci" })
	void namesOfOneScriptWithPlainSpacesAreFine(String username) {
		assertThat(Usernames.mixesScripts(username)).isFalse();
		assertThat(Usernames.hasHiddenCharacters(username)).isFalse();
	}

}
