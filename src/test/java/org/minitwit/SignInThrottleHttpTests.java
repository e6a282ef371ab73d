package org.minitwit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.minitwit.support.Browser;
import org.minitwit.support.Page;
import org.minitwit.support.TestSite;
import org.minitwit.support.MiniTwitOverHttp;
import org.minitwit.user.User;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Password guessing over real HTTP. A name takes at most 10 failed sign-ins from one
 * address and 50 from all addresses together, an address at most 50 for all names, within
 * 15 minutes; then sign-in is refused with a 429 page until those 15 minutes are over. A
 * browser that has signed in as the name before is exempt, so that nobody can lock the
 * owner out. Each test is a client of its own addresses (documentation ranges), forwarded
 * by the trusted loopback proxy.
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
	void tenGuessesFromOneAddressStopThereButTheOwnersBrowserStillGetsInEvenFromThatAddress() {
		var user = site.user("Guessed");
		var owner = signedInBefore(user, "198.51.100.20");
		var attacker = site.browser().from("203.0.113.10");
		for (int i = 1; i <= 10; i++) {
			assertRefused(attacker.signIn(user.username(), "guess " + i), "Error: Invalid password", user.username());
		}

		assertTooMany(attacker.signIn(user.username(), TestSite.PASSWORD), user.username());
		// in any letter case, with spaces around it: the name sign-in would look up
		assertTooMany(attacker.signIn(" " + user.username().toUpperCase() + " ", "guess"),
				" " + user.username().toUpperCase() + " ");
		assertSignsIn(owner.movedTo("203.0.113.10"), user);
		assertSignsIn(site.browser().from("198.51.100.21"), user);
	}

	@Test
	void guessesFromManyAddressesAreBoundedInAllButTheOwnersBrowserStillGetsIn() {
		var user = site.user("Distributed");
		var owner = signedInBefore(user, "198.51.100.30");
		for (int address = 1; address <= 5; address++) {
			var attacker = site.browser().from("203.0.113." + (20 + address));
			for (int i = 1; i <= 10; i++) {
				assertRefused(attacker.signIn(user.username(), "guess " + i), "Error: Invalid password",
						user.username());
			}
		}

		assertTooMany(site.browser().from("203.0.113.30").signIn(user.username(), TestSite.PASSWORD), user.username());
		assertTooMany(site.browser().from("198.51.100.30").signIn(user.username(), TestSite.PASSWORD), user.username());
		assertSignsIn(owner, user);
	}

	@Test
	void fiftyFailuresFromAnOfficeAddressLeaveItsRegularsIn() {
		var regular = site.user("Regular");
		var office = "203.0.113.40";
		var regularsBrowser = signedInBefore(regular, office);
		var attacker = site.browser().from(office);
		for (int i = 1; i <= 50; i++) {
			String name = TestSite.uniqueName("nobody");
			assertRefused(attacker.signIn(name, "guess"), "Error: Invalid username", name);
		}

		assertTooMany(site.browser().from(office).signIn(regular.username(), TestSite.PASSWORD), regular.username());
		assertSignsIn(regularsBrowser, regular);
		assertSignsIn(site.browser().from("203.0.113.41"), regular);
	}

	@Test
	void signingInAsOneselfExemptsNoBrowserFromTheLimitsOnAnotherName() {
		var mallory = site.user("Mallory");
		var victim = site.user("Victim");
		var attacker = signedInBefore(mallory, "203.0.113.50");
		for (int i = 1; i <= 10; i++) {
			assertRefused(attacker.signIn(victim.username(), "guess " + i), "Error: Invalid password",
					victim.username());
		}

		assertTooMany(attacker.signIn(victim.username(), "guess"), victim.username());
		attacker.setCookie("DEVICE", "forged.forged");
		assertTooMany(attacker.signIn(victim.username(), "guess"), victim.username());
	}

	@Test
	void theLimitsEndWithTheirWindow() {
		var user = site.user("Patient");
		var attacker = site.browser().from("203.0.113.60");
		for (int i = 1; i <= 10; i++) {
			attacker.signIn(user.username(), "guess " + i);
		}
		assertTooMany(attacker.signIn(user.username(), TestSite.PASSWORD), user.username());

		jdbc.sql("UPDATE sign_in_attempts SET window_start = window_start - 900000").update();

		assertSignsIn(attacker, user);
	}

	@Test
	void theOwnersTyposThroughTheirBrowserAreForgivenWhenTheyGetItRight() {
		var user = site.user("Forgetful");
		var browser = signedInBefore(user, "203.0.113.13");
		for (int i = 1; i <= 9; i++) {
			assertRefused(browser.signIn(user.username(), "almost " + i), "Error: Invalid password", user.username());
		}
		assertSignsIn(browser, user);
		browser.signOut();

		for (int i = 1; i <= 9; i++) {
			assertRefused(browser.signIn(user.username(), "again " + i), "Error: Invalid password", user.username());
		}
		assertSignsIn(browser, user);
	}

	/** A browser at {@code address} in which the user signed in, then out. */
	private Browser signedInBefore(User user, String address) {
		var browser = site.browser().from(address);
		assertSignsIn(browser, user);
		browser.signOut();
		return browser;
	}

	private static void assertSignsIn(Browser browser, User user) {
		var signedIn = browser.signIn(user.username(), TestSite.PASSWORD);
		assertThat(signedIn.status()).as("the right password").isEqualTo(302);
		assertThat(browser.follow(signedIn).navigation()).endsWith("sign out [" + user.username() + "]");
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
