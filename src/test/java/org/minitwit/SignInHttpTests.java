package org.minitwit;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

@MiniTwitOverHttp
class SignInHttpTests {

	@Autowired
	private TestSite site;

	@Test
	void unknownUsernameThenWrongPasswordAreTheErrorsAndTheTypedUsernameStays() {
		var user = site.user("Bob");
		var browser = site.browser();
		String unknown = "nobody " + user.username();

		assertRefused(browser.signIn(unknown, "wrong"), "Error: Invalid username", unknown);
		assertRefused(browser.signIn(unknown, TestSite.PASSWORD), "Error: Invalid username", unknown);
		assertRefused(browser.signIn(user.username(), "wrong"), "Error: Invalid password", user.username());
		assertRefused(browser.signIn(user.username(), ""), "Error: Invalid password", user.username());
		assertThat(browser.get("/").redirectTarget()).as("still signed out").isEqualTo("/public");
	}

	@Test
	void signInFlashesOnMyTimelineAndSignOutFlashesOnThePublicTimeline() {
		var user = site.user("Carol");
		var browser = site.browser();

		var signedIn = browser.signIn(user.username(), TestSite.PASSWORD);
		assertThat(signedIn.redirectTarget()).isEqualTo("/");
		var timeline = browser.follow(signedIn);
		assertThat(timeline.title()).isEqualTo("My Timeline");
		assertThat(timeline.flashes()).containsExactly("You were logged in");
		assertThat(timeline.navigation())
			.isEqualTo("my timeline | public timeline | sign out [" + user.username() + "]");

		var signedOut = browser.signOut();
		assertThat(signedOut.redirectTarget()).isEqualTo("/public");
		var publicTimeline = browser.follow(signedOut);
		assertThat(publicTimeline.title()).isEqualTo("Public Timeline");
		assertThat(publicTimeline.flashes()).containsExactly("You were logged out");
		assertThat(publicTimeline.navigation()).isEqualTo("public timeline | sign up | sign in");
		assertThat(browser.get("/").redirectTarget()).isEqualTo("/public");
	}

	@Test
	void theNameSignsInInAnyLetterCaseAsTheNameItWasRegisteredWith() {
		var user = site.user("Dora");
		var browser = site.browser();

		assertThat(browser.signIn(" " + user.username().toUpperCase() + " ", TestSite.PASSWORD).redirectTarget())
			.isEqualTo("/");
		assertThat(browser.get("/").navigation()).endsWith("sign out [" + user.username() + "]");
	}

	@Test
	void signedInVisitorsOfTheSignInAndSignUpPagesAreSentToTheirTimeline() {
		var browser = site.signedIn(site.user("Dan"));

		assertThat(browser.get("/login").redirectTarget()).isEqualTo("/");
		assertThat(browser.get("/register").redirectTarget()).isEqualTo("/");
	}

	@Test
	void sessionIdChangesAtSignInAndTheCookieIsHttpOnlyAndSameSiteLax() {
		var user = site.user("Erin");
		var browser = site.browser();
		var form = browser.get("/login");
		String beforeSignIn = browser.cookie("SESSION").orElseThrow();

		var signedIn = browser.submit(form, "/login", "username", user.username(), "password", TestSite.PASSWORD);

		String afterSignIn = browser.cookie("SESSION").orElseThrow();
		assertThat(afterSignIn).isNotEqualTo(beforeSignIn);
		assertThat(signedIn.headers().allValues("Set-Cookie")).singleElement()
			.asString()
			.startsWith("SESSION=")
			.containsIgnoringCase("; HttpOnly")
			.containsIgnoringCase("; SameSite=Lax");
		// An id known before sign-in (one an attacker could have planted) must not be
		// signed in.
		var planted = site.browser();
		planted.setCookie("SESSION", beforeSignIn);
		assertThat(planted.get("/").redirectTarget()).isEqualTo("/public");
	}

	@Test
	void aSignedOutSessionIdCannotBeUsedAgain() {
		var browser = site.signedIn(site.user("Finn"));
		String signedInId = browser.cookie("SESSION").orElseThrow();

		browser.signOut();

		var replay = site.browser();
		replay.setCookie("SESSION", signedInId);
		assertThat(replay.get("/").redirectTarget()).isEqualTo("/public");
	}

	@Test
	void everyCharacterOfA128CharacterPasswordCounts() {
		String name = TestSite.uniqueName("Long Password");
		String password = "p".repeat(127) + "a";
		var browser = site.browser();
		assertThat(browser.signUp(name, "long@example.com", password, password).redirectTarget()).isEqualTo("/login");

		// bcrypt would stop at 72 bytes and accept this
		assertRefused(browser.signIn(name, "p".repeat(127) + "b"), "Error: Invalid password", name);
		assertThat(browser.signIn(name, password).redirectTarget()).isEqualTo("/");
	}

	@Test
	void sqlInTheSignInFormIsJustAWrongName() {
		var browser = site.browser();
		String injection = "' OR '1'='1' -- ";

		assertRefused(browser.signIn(injection, injection), "Error: Invalid username", injection);
	}

	private static void assertRefused(Page page, String error, String username) {
		assertThat(page.status()).isEqualTo(200);
		assertThat(page.title()).isEqualTo("Sign In");
		assertThat(page.error()).contains(error);
		assertThat(page.field("username")).isEqualTo(username);
		assertThat(page.field("password")).isEmpty();
	}

}
