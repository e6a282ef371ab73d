package org.minitwit.browser;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

/**
 * Every main page at desktop and phone width, saved under target/screenshots/ for a
 * person to look at; each must load without a fault and fit the screen's width.
 */
@InChromium
class ScreenshotsTests {

	@Autowired
	private Seed seed;

	@Test
	@DisplayName("screenshots: every main page at desktop and phone width")
	void everyMainPage(Chromium chromium) {
		// Long names without a space, as MiniTwit allows (64 characters), must not push
		// the page sideways.
		var reader = seed.user("Reader-whose-name-is-long-enough-to-fill-a-phone-screen");
		var writer = seed.user("Writer-whose-name-is-long-enough-to-fill-a-phone-screen");
		var now = Instant.now();
		seed.message(reader, "Reading the MiniTwit source on a rainy afternoon.", now.minus(Duration.ofHours(3)));
		seed.message(writer, "A longer message, to see how text wraps next to the avatar: MiniTwit keeps every "
				+ "line readable, whether the screen is a wide desktop monitor or a phone held in one hand, and a "
				+ "long address such as https://example.com/a/very/long/path/that/does/not/break/by/itself/at/all "
				+ "must not push the page sideways.", now.minus(Duration.ofHours(2)));
		seed.message(writer, "Short one.", now.minus(Duration.ofMinutes(5)));
		var person = new Person(chromium);

		person.opens("/public", "Public Timeline");
		chromium.screenshot("public-timeline");

		person.opens("/login", "Sign In");
		chromium.screenshot("sign-in");

		person.opens("/register", "Sign Up");
		chromium.fill("Username:", "newcomer");
		chromium.press("Sign Up");
		chromium.shows("Sign Up");
		chromium.screenshot("sign-up-error");

		person.step("opens a page that does not exist");
		chromium.openErrorPage("/no/such/page");
		chromium.shows("Page Not Found");
		chromium.screenshot("error-page");

		person.signsIn(reader.username(), MainFlow.PASSWORD);
		chromium.screenshot("my-timeline");

		person.opens("/" + writer.username(), writer.username() + "'s Timeline");
		chromium.screenshot("user-page");
	}

}
