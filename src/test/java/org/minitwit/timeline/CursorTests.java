package org.minitwit.timeline;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class CursorTests {

	@ParameterizedTest
	@CsvSource({ "1700000000, 42", "0, 0", "9223372036854775807, 9223372036854775807" })
	void tokenReadsBackAsTheSamePosition(long pubDate, long messageId) {
		var cursor = new Cursor(pubDate, messageId);

		assertThat(cursor.token()).isEqualTo(pubDate + "-" + messageId);
		assertThat(Cursor.valueOf(cursor.token())).isEqualTo(cursor);
	}

	@ParameterizedTest
	// Anyone can type ?before=; whatever is not a token must be refused (a 400), never
	// read as some position.
	@ValueSource(strings = { "", "-", "abc", "1700000000", "1700000000-", "-42", "x-42", "1700000000-x", "1-2-3",
			" 1-2", "1-2 ", "1.5-2", "99999999999999999999-1", "1-99999999999999999999" })
	void malformedTokensAreRejected(String token) {
		assertThatIllegalArgumentException().isThrownBy(() -> Cursor.valueOf(token));
	}

}
