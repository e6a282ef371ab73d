package org.minitwit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

@MiniTwitOverHttp
class SignUpHttpTests {

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
