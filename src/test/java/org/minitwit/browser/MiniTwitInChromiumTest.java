package org.minitwit.browser;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

@BrowserTest
class MiniTwitInChromiumTest {

	@Autowired
	private Seed seed;

	@Test
	@DisplayName("main flow: sign up, sign in, share, follow, unfollow, sign out")
	void mainFlow(Chromium chromium) {
		var followee = seed.user("Followee");
		seed.message(followee, "Shared an hour ago", Instant.now().minus(Duration.ofHours(1)));
		seed.message(followee, "Shared a minute ago", Instant.now().minus(Duration.ofMinutes(1)));

		MainFlow.run(chromium, followee.username(), List.of("Shared a minute ago", "Shared an hour ago"));
	}

	@Test
	@DisplayName("paging: Older messages leads from the 30 newest to the rest")
	void olderMessagesLeadsToTheRest(Chromium chromium) {
		var chatty = seed.user("Chatty");
		var longAgo = Instant.parse("2020-01-01T00:00:00Z");
		IntStream.rangeClosed(1, 35).forEach(n -> seed.message(chatty, "message " + n, longAgo.plusSeconds(n)));
		var person = new Person(chromium);
		String heading = chatty.username() + "'s Timeline";

		person.opens("/" + chatty.username(), heading);
		assertThat(person.messages()).extracting(Person.Shown::text).containsExactlyElementsOf(newestFirst(35, 6));

		person.step("clicks Older messages");
		chromium.clickLink("Older messages »");
		chromium.shows(heading);
		assertThat(person.messages()).extracting(Person.Shown::text).containsExactlyElementsOf(newestFirst(5, 1));
		assertThat(chromium.has("a[rel=next]")).as("an older page after the oldest message").isFalse();
	}

	private static List<String> newestFirst(int newest, int oldest) {
		return IntStream.iterate(newest, n -> n >= oldest, n -> n - 1).mapToObj(n -> "message " + n).toList();
	}

}
