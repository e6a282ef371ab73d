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

}
