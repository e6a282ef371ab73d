package org.minitwit;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.minitwit.support.Page;
import org.minitwit.support.TestSite;
import org.minitwit.support.MiniTwitOverHttp;

import static org.assertj.core.api.Assertions.assertThat;

@MiniTwitOverHttp
class SignUpHttpTests {

	private static final String TAKEN = "The username is already taken";

	private static final String MIXED = "Your username cannot mix scripts, such as Latin and Cyrillic letters";

	private static final String HIDDEN = "Your username cannot contain invisible characters, nor spaces other than the plain space";

	private static final AtomicInteger victims = new AtomicInteger();

	@Autowired
	private TestSite site;

	@Test
	void eachErrorInTurnKeepsTheTypedUsernameAndEmailAndStoresNothing() {
		var browser = site.browser();
		String name = TestSite.uniqueName("Zoë");
		String email = "zoe@example.com";
		var before = site.counts();

		// Each form fixes the error before it and still fails every check after it.
		assertRefused(browser.signUp("", "no-at-sign", "", "other"), "You have to enter a username", "", "no-at-sign");
		assertRefused(browser.signUp(name, "", "", "other"), "You have to enter a valid email address", name, "");
		assertRefused(browser.signUp(name, "no-at-sign", "", "other"), "You have to enter a valid email address", name,
				"no-at-sign");
		assertRefused(browser.signUp(name, email, "", "other"), "You have to enter a password", name, email);
		assertRefused(browser.signUp(name, email, "secret", "other"), "The two passwords do not match", name, email);

		assertThat(site.counts()).isEqualTo(before);
	}

	@Test
	void successSendsToSignInWithAFlashAndTheNewUserCanSignIn() {
		var browser = site.browser();
		String name = TestSite.uniqueName("Зоя");

		var registered = browser.signUp(name, "zoya@example.com", "pass word", "pass word");

		assertThat(registered.redirectTarget()).isEqualTo("/login");
		var signInPage = browser.follow(registered);
		assertThat(signInPage.title()).isEqualTo("Sign In");
		assertThat(signInPage.flashes()).containsExactly("You were successfully registered and can login now");
		assertThat(browser.signIn(name, "pass word").redirectTarget()).isEqualTo("/");
		assertThat(browser.get("/").text()).contains("sign out [" + name + "]");
	}

	@Test
	void aTakenNameIsRefusedInAnyLetterCase() {
		var taken = site.user("Alice");
		var browser = site.browser();
		var before = site.counts();

		for (String again : new String[] { taken.username(), taken.username().toUpperCase(),
				" " + taken.username().toLowerCase() + " " }) {
			assertRefused(browser.signUp(again, "other@example.com", "pw", "pw"), "The username is already taken",
					again.strip(), "other@example.com");
		}

		assertThat(site.counts()).isEqualTo(before);
	}

	@ParameterizedTest
	@ValueSource(strings = { "public", "login", "logout", "register", "add_message", "static", "actuator", "Public",
			"LOGIN", "Register", "ADD_MESSAGE", "Static", "Actuator" })
	void namesOfTheSitesOwnPagesAreTaken(String route) {
		var before = site.counts();

		assertRefused(site.browser().signUp(route, "route@example.com", "pw", "pw"), "The username is already taken",
				route, "route@example.com");

		assertThat(site.counts()).isEqualTo(before);
	}

	@ParameterizedTest
	@ValueSource(strings = { "a/b", "/", "alice/follow", "..", "100%" })
	void namesThatCannotBeAPathAreRefused(String name) {
		var before = site.counts();

		var refused = site.browser().signUp(name, "path@example.com", "pw", "pw");

		assertThat(refused.status()).isEqualTo(200);
		assertThat(refused.error())
			.hasValueSatisfying(error -> assertThat(error).startsWith("Error: Your username cannot contain /"));
		assertThat(site.counts()).isEqualTo(before);
	}

	@Test
	void overLongFieldsAreRefusedWithAClearErrorAndTheFormKept() {
		var browser = site.browser();
		String longName = "n".repeat(65);
		String longEmail = "e".repeat(250) + "@x.io";
		var before = site.counts();

		assertRefused(browser.signUp(longName, "a@example.com", "pw", "pw"),
				"Your username can have at most 64 characters", longName, "a@example.com");
		assertRefused(browser.signUp("fine", longEmail, "pw", "pw"),
				"Your email address can have at most 254 characters", "fine", longEmail);
		assertRefused(browser.signUp("fine", "a@example.com", "p".repeat(129), "p".repeat(129)),
				"Your password can have at most 128 characters", "fine", "a@example.com");

		assertThat(site.counts()).isEqualTo(before);
	}

	static Stream<Arguments> lookAlikes() {
		return Stream.of(Arguments.of("alice", "\u0430lice", "a Cyrillic a", MIXED),
				Arguments.of("alice", "alic\u0435", "a Cyrillic e", MIXED),
				Arguments.of("bob", "b\u03bfb", "a Greek o", MIXED),
				Arguments.of("alice", "\u0430\u04cf\u0456\u0441\u0435", "only Cyrillic letters", TAKEN),
				Arguments.of("alice", "alice\u00a0", "a no-break space", HIDDEN),
				Arguments.of("alice", "alice\u3164", "a Hangul filler", HIDDEN),
				Arguments.of("alice", "alice\u2800", "a blank Braille pattern", HIDDEN),
				Arguments.of("alice", "alice\ufe0f", "a variation selector", HIDDEN),
				Arguments.of("bob", "b0b", "a zero for an o", TAKEN),
				Arguments.of("stra\u00dfe", "STRASSE", "SS for \u00df", TAKEN),
				Arguments.of("inci", "\u0130nci", "the Turkish capital \u0130", TAKEN),
				Arguments.of("modern", "rnodern", "rn for m", TAKEN));
	}

	/**
	 * A name that reads as a taken one is taken, and one that mixes scripts or hides
	 * characters is refused: nobody can pass for another user.
	 */
	@ParameterizedTest(name = "{2}")
	@MethodSource("lookAlikes")
	void aNameThatLooksLikeATakenOneIsRefused(String name, String lookAlike, String how, String error) {
		String suffix = " " + victims.incrementAndGet();
		site.userNamed(name + suffix);
		var before = site.counts();

		var refused = site.browser().signUp(lookAlike + suffix, "victim@example.com", "pw", "pw");

		assertThat(refused.status()).as("status").isEqualTo(200);
		assertThat(refused.error()).contains("Error: " + error);
		assertThat(site.counts()).isEqualTo(before);
	}

	/** Names of one script each, with spaces between words, are names as before. */
	@ParameterizedTest
	@ValueSource(strings = { "\u0420\u043e\u043c\u0430\u043d", "\u7530\u4e2d", "\u5c71\u7530\u305f\u308d\u3046",
			"Roger Histand", "\u0417\u043e\u044f \u0418\u0432\u0430\u043d\u043e\u0432\u0430",
			"\u05e9\u05dc\u05d5\u05dd \u05e2\u05d5\u05dc\u05dd", "o'brien-2", "\ud83d\ude00 Smile" })
	void namesOfOneScriptStillRegister(String name) {
		String unique = name + " " + victims.incrementAndGet();

		assertThat(site.browser().signUp(unique, "one@example.com", "pw", "pw").redirectTarget()).isEqualTo("/login");
	}

	/**
	 * Each sign-up costs a deliberately slow password hash: one address gets a few, then
	 * a 429 until the window is over; other addresses are not affected.
	 */
	@Test
	void signUpsFromOneAddressAreLimited() {
		String address = "192.0.2." + (100 + victims.incrementAndGet() % 100);
		for (int i = 0; i < 20; i++) {
			String name = TestSite.uniqueName("Many");
			assertThat(site.browser().from(address).signUp(name, "m@example.com", "pw", "pw").redirectTarget())
				.as("sign-up %d", i + 1)
				.isEqualTo("/login");
		}
		var before = site.counts();

		String name = TestSite.uniqueName("OneTooMany");
		var refused = site.browser().from(address).signUp(name, "m@example.com", "pw", "pw");

		assertThat(refused.status()).isEqualTo(429);
		assertThat(refused.title()).isEqualTo("Sign Up");
		assertThat(refused.error())
			.contains("Error: Too many sign-ups from your address. Please wait a few minutes and try again.");
		assertThat(refused.field("username")).isEqualTo(name);
		assertThat(Integer.parseInt(refused.header("Retry-After"))).isBetween(1, 900);
		assertThat(site.counts()).isEqualTo(before);
		assertThat(site.browser().signUp(name, "m@example.com", "pw", "pw").redirectTarget()).as("from another address")
			.isEqualTo("/login");
	}

	private static void assertRefused(Page page, String error, String username, String email) {
		assertThat(page.status()).isEqualTo(200);
		assertThat(page.title()).isEqualTo("Sign Up");
		assertThat(page.error()).contains("Error: " + error);
		assertThat(page.field("username")).isEqualTo(username);
		assertThat(page.field("email")).isEqualTo(email);
		assertThat(page.field("password")).isEmpty();
		assertThat(page.flashes()).isEmpty();
	}

}
