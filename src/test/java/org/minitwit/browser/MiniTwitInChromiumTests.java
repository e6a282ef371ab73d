package org.minitwit.browser;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Keys;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

@InChromium
class MiniTwitInChromiumTests {

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

	@Test
	@DisplayName("message box: counts what is left of 1000 characters as the server does")
	void theMessageBoxCountsWhatIsLeftAsTheServerDoes(Chromium chromium) {
		var writer = seed.user("Counter");
		var person = new Person(chromium);
		person.opens("/public", "Public Timeline");
		person.signsIn(writer.username(), MainFlow.PASSWORD);
		assertThat(charactersLeft(chromium)).isEqualTo("1000 characters left");

		person.step("types two lines");
		chromium.field(person.messageBoxLabel()).click();
		chromium.keyboard("Hi", Keys.ENTER, "there");
		assertThat(charactersLeft(chromium)).as("a line break is sent as CR LF").isEqualTo("991 characters left");

		person.step("pastes 991 emoji, up to the limit, and types one more character");
		chromium.paste("🌊".repeat(991));
		assertThat(charactersLeft(chromium)).as("an emoji is one character").isEqualTo("0 characters left");
		chromium.keyboard("!");
		assertThat(charactersLeft(chromium)).isEqualTo("1 character too many");
		assertThat(chromium.has("#text-left.over")).as("the counter warns").isTrue();

		person.step("shares anyway: the server counts the same");
		chromium.press("Share");
		chromium.shows("My Timeline");
		assertThat(person.error()).contains("Error: Your message can have at most 1000 characters");
		assertThat(charactersLeft(chromium)).as("the text is kept, and counted").isEqualTo("1 character too many");
		chromium.screenshot("message-too-long");

		person.step("deletes the last character and shares");
		chromium.field(person.messageBoxLabel()).click();
		chromium.shortcut(Keys.CONTROL, Keys.END);
		chromium.keyboard(Keys.BACK_SPACE);
		assertThat(charactersLeft(chromium)).isEqualTo("0 characters left");
		chromium.press("Share");
		chromium.shows("My Timeline");
		assertThat(person.flashes()).containsExactly("Your message was recorded");
		var shared = person.messages().get(0);
		assertThat(shared.author()).isEqualTo(writer.username());
		// Not compared whole: a failure would print a thousand emoji twice.
		assertThat(shared.text().replace("🌊", "")).isEqualTo("Hi\nthere");
		assertThat(shared.text().codePointCount(0, shared.text().length())).isEqualTo("Hi\nthere".length() + 991);
		assertThat(charactersLeft(chromium)).isEqualTo("1000 characters left");
	}

	private static String charactersLeft(Chromium chromium) {
		return chromium.text("#text-left");
	}

	@Test
	@DisplayName("keyboard: Tab reaches every control with a visible focus, Enter follows someone")
	void theKeyboardAloneReachesEveryControl(Chromium chromium) {
		var me = seed.user("Keyboard");
		var other = seed.user("Tabbed");
		seed.message(other, "Reach me with Tab", Instant.now());
		var person = new Person(chromium);
		person.opens("/public", "Public Timeline");
		person.signsIn(me.username(), MainFlow.PASSWORD);
		person.opens("/" + other.username(), other.username() + "'s Timeline");

		person.step("presses Tab until Follow user");
		var stops = new ArrayList<String>();
		while (!stops.contains("Follow user") && stops.size() < 10) {
			chromium.keyboard(Keys.TAB);
			stops.add(chromium.focused().getText());
			assertThat(chromium.focusIsVisible()).as("focus on %s can be seen", stops.get(stops.size() - 1)).isTrue();
		}
		assertThat(stops).containsExactly("my timeline", "public timeline", "sign out [" + me.username() + "]",
				"Follow user");

		person.step("presses Enter");
		chromium.leavesPageBy(() -> chromium.keyboard(Keys.ENTER));
		chromium.shows(other.username() + "'s Timeline");
		assertThat(person.flashes()).containsExactly("You are now following \"" + other.username() + "\"");
	}

	private static List<String> newestFirst(int newest, int oldest) {
		return IntStream.iterate(newest, n -> n >= oldest, n -> n - 1).mapToObj(n -> "message " + n).toList();
	}

}
