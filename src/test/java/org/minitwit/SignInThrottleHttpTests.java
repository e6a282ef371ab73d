package org.minitwit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Password guessing over real HTTP: 10 failures for a username, or 50 from a client
 * address, within 15 minutes, and sign-in for it is refused with a 429 page until those
 * 15 minutes are over. Each test is a client of its own address (documentation ranges),
 * forwarded by the trusted loopback proxy, so that the counts of other tests (all from
 * 127.0.0.1) do not mix in.
 */
@MiniTwitOverHttp
class SignInThrottleHttpTests {

	private static final String TOO_MANY = "Error: Too many failed sign-in attempts. Please wait a few minutes and try again.";

	@Autowired
	private TestSite site;

	@Autowired
	private JdbcClient jdbc;

	@AfterEach
	void forgetEveryFailure() {
		jdbc.sql("DELETE FROM sign_in_attempts").update();
	}

	@Test
	void tenWrongPasswordsForANameLockItFromEveryAddressEvenWithTheRightPasswordUntilTheWindowEnds() {
		var user = site.user("Guessed");
		var attacker = site.browser().from("203.0.113.10");
		for (int i = 1; i <= 10; i++) {
			assertRefused(attacker.signIn(user.username(), "guess " + i), "Error: Invalid password", user.username());
		}

		for (var client : new Browser[] { attacker, site.browser().from("198.51.100.20"), site.browser() }) {
			var locked = client.signIn(user.username(), TestSite.PASSWORD);
			assertTooMany(locked, user.username());
			assertThat(client.get("/").redirectTarget()).as("still signed out").isEqualTo("/public");
		}
		// in any letter case, with spaces around it: the name sign-in would look up
		assertTooMany(attacker.signIn(" " + user.username().toUpperCase() + " ", "guess"),
				" " + user.username().toUpperCase() + " ");

		windowsEnd();

		var owner = site.browser().from("198.51.100.20");
		var signedIn = owner.signIn(user.username(), TestSite.PASSWORD);
		assertThat(signedIn.redirectTarget()).isEqualTo("/");
		assertThat(owner.follow(signedIn).navigation()).endsWith("sign out [" + user.username() + "]");
	}

	@Test
	void fiftyFailuresFromOneAddressLockItForEveryNameButNotOtherAddresses() {
		var user = site.user("Bystander");
		var attacker = site.browser().from("203.0.113.11");
		for (int i = 1; i <= 50; i++) {
			String name = TestSite.uniqueName("nobody");
			assertRefused(attacker.signIn(name, "guess"), "Error: Invalid username", name);
		}

		assertTooMany(attacker.signIn(user.username(), TestSite.PASSWORD), user.username());
		assertThat(site.browser().from("203.0.113.12").signIn(user.username(), TestSite.PASSWORD).redirectTarget())
			.as("from another address")
			.isEqualTo("/");

		windowsEnd();

		assertThat(attacker.signIn(user.username(), TestSite.PASSWORD).redirectTarget()).isEqualTo("/");
	}

	@Test
	void signingInForgivesTheNamesEarlierFailures() {
		var user = site.user("Forgetful");
		var browser = site.browser().from("203.0.113.13");
		for (int i = 1; i <= 9; i++) {
			browser.signIn(user.username(), "almost " + i);
		}
		assertThat(browser.signIn(user.username(), TestSite.PASSWORD).redirectTarget()).isEqualTo("/");
		browser.signOut();

		for (int i = 1; i <= 9; i++) {
			assertRefused(browser.signIn(user.username(), "again " + i), "Error: Invalid password", user.username());
		}
		assertThat(browser.signIn(user.username(), TestSite.PASSWORD).redirectTarget()).isEqualTo("/");
	}

	/** Every window started 15 minutes earlier than it did, so all have ended. */
	private void windowsEnd() {
		jdbc.sql("UPDATE sign_in_attempts SET window_start = window_start - 900000").update();
	}

	private static void assertTooMany(Page page, String username) {
		assertThat(page.status()).isEqualTo(429);
		assertThat(page.title()).isEqualTo("Sign In");
		assertThat(page.error()).contains(TOO_MANY);
		assertThat(page.field("username")).isEqualTo(username);
		assertThat(page.field("password")).isEmpty();
		assertThat(Integer.parseInt(page.header("Retry-After"))).isBetween(1, 900);
	}

	private static void assertRefused(Page page, String error, String username) {
		assertThat(page.status()).isEqualTo(200);
		assertThat(page.error()).contains(error);
		assertThat(page.field("username")).isEqualTo(username);
	}

}
