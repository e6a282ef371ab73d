package org.minitwit.timeline;

import java.util.TimeZone;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class TimelineMessageTests {

	@Test
	void avatarIsTheGravatarOfTheMd5OfTheTrimmedLowerCasedEmail() {
		// md5("myemailaddress@example.com"), Gravatar's own documented example
		String expected = "https://www.gravatar.com/avatar/0bc83cb571cd1c50ba6f3e8a78ef1346?d=identicon&s=48";

		assertThat(message("myemailaddress@example.com", 0).avatarUrl()).isEqualTo(expected);
		assertThat(message("  MyEmailAddress@Example.COM \n", 0).avatarUrl()).isEqualTo(expected);
	}

	@ParameterizedTest
	@CsvSource({ "0, 1970-01-01 @ 00:00", "1000000000, 2001-09-09 @ 01:46", "1700000059, 2023-11-14 @ 22:14",
			"1709251199, 2024-02-29 @ 23:59" })
	void publicationTimeIsShownInUtcToTheMinute(long pubDate, String shown) {
		assertThat(message("alice@example.com", pubDate).publishedAt()).isEqualTo(shown);
	}

	@Test
	void publicationTimeDoesNotDependOnTheServersTimeZone() {
		TimeZone serverZone = TimeZone.getDefault();
		try {
			TimeZone.setDefault(TimeZone.getTimeZone("Pacific/Kiritimati"));

			assertThat(message("alice@example.com", 1_000_000_000).publishedAt()).isEqualTo("2001-09-09 @ 01:46");
		}
		finally {
			TimeZone.setDefault(serverZone);
		}
	}

	private static TimelineMessage message(String email, long pubDate) {
		return new TimelineMessage(1, "hello", pubDate, "alice", email);
	}

}
