package org.minitwit.browser;

import java.util.List;
import java.util.Optional;

import org.openqa.selenium.Keys;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Someone using MiniTwit in Chromium: each step clicks and types as a person does, then
 * checks what the page shows (where it is, the flash, the error, the messages, the follow
 * status). Each step is printed, so that a build log tells how far a flow got.
 */
final class Person {

	private final Chromium chromium;

	private String username;

	Person(Chromium chromium) {
		this.chromium = chromium;
	}

	/** A message as a timeline shows it. */
	record Shown(String author, String text) {
	}

	String username() {
		return username;
	}

	void step(String description) {
		System.out.println("  - " + description);
	}

	void opens(String path, String heading) {
		step("opens " + path);
		chromium.open(path);
		chromium.shows(heading);
	}

	/**
	 * From any page of a signed-out visitor: sign up, first with a mistyped repeated
	 * password.
	 */
	void signsUpAfterMistypingTheRepeatedPassword(String username, String password) {
		step("signs up as " + username + ", mistyping the repeated password");
		chromium.clickLink("sign up");
		chromium.shows("Sign Up");
		String email = username + "@example.com";
		chromium.fill("Username:", username);
		chromium.fill("E-Mail:", email);
		chromium.fill("Password:", password);
		chromium.fill("Password (repeat):", password + "!");
		chromium.press("Sign Up");
		chromium.shows("Sign Up");
		assertThat(error()).contains("Error: The two passwords do not match");
		assertThat(chromium.field("Username:").getDomProperty("value")).as("username kept").isEqualTo(username);
		assertThat(chromium.field("E-Mail:").getDomProperty("value")).as("email kept").isEqualTo(email);

		step("types both passwords again, from the keyboard: Tab between them, Enter submits");
		assertThat(chromium.focused()).as("the focus is where the error is").isEqualTo(chromium.field("Password:"));
		chromium.keyboard(password, Keys.TAB, password);
		assertThat(chromium.focused()).isEqualTo(chromium.field("Password (repeat):"));
		chromium.leavesPageBy(() -> chromium.keyboard(Keys.ENTER));
		chromium.shows("Sign In");
		assertThat(flashes()).containsExactly("You were successfully registered and can login now");
	}

	/**
	 * On the sign-in page: the name where the focus already is, Tab, the password, Enter.
	 */
	void signsInWithTheKeyboard(String username, String password) {
		step("signs in as " + username + " with the keyboard alone");
		assertThat(chromium.focused()).as("the focus starts in the username field")
			.isEqualTo(chromium.field("Username:"));
		chromium.keyboard(username, Keys.TAB, password);
		assertThat(chromium.focused()).as("Tab leads to the password").isEqualTo(chromium.field("Password:"));
		assertThat(chromium.focusIsVisible()).as("the focus can be seen").isTrue();
		chromium.leavesPageBy(() -> chromium.keyboard(Keys.ENTER));
		chromium.shows("My Timeline");
		assertThat(flashes()).containsExactly("You were logged in");
		assertThat(navigation()).isEqualTo("my timeline | public timeline | sign out [" + username + "]");
		this.username = username;
	}

	/** From any page: the sign-in link, the form filled in with the mouse. */
	void signsIn(String username, String password) {
		step("signs in as " + username);
		chromium.clickLink("sign in");
		chromium.shows("Sign In");
		chromium.fill("Username:", username);
		chromium.fill("Password:", password);
		chromium.press("Sign In");
		chromium.shows("My Timeline");
		assertThat(flashes()).containsExactly("You were logged in");
		this.username = username;
	}

	/** On my timeline: types a message and shares it; it is then the newest. */
	void shares(String text) {
		step("shares \"" + text + "\"");
		chromium.fill(messageBoxLabel(), text);
		chromium.press("Share");
		chromium.shows("My Timeline");
		assertThat(flashes()).containsExactly("Your message was recorded");
		assertThat(messages()).first().isEqualTo(new Shown(username, text));
	}

	String messageBoxLabel() {
		return "What's on your mind " + username + "?";
	}

	/**
	 * From a timeline that shows a message of {@code other}: their name, then Follow
	 * user.
	 */
	void follows(String other) {
		step("visits " + other + " and follows");
		chromium.clickLink(other);
		chromium.shows(other + "'s Timeline");
		assertThat(followStatus()).isEqualTo("You are not yet following this user. Follow user.");
		chromium.press("Follow user");
		chromium.shows(other + "'s Timeline");
		assertThat(flashes()).containsExactly("You are now following \"" + other + "\"");
		assertThat(followStatus()).isEqualTo("You are currently following this user. Unfollow user.");
	}

	/**
	 * From a timeline that shows a message of {@code other}: their name, then Unfollow
	 * user.
	 */
	void unfollows(String other) {
		step("visits " + other + " and unfollows");
		chromium.clickLink(other);
		chromium.shows(other + "'s Timeline");
		chromium.press("Unfollow user");
		chromium.shows(other + "'s Timeline");
		assertThat(flashes()).containsExactly("You are no longer following \"" + other + "\"");
		assertThat(followStatus()).isEqualTo("You are not yet following this user. Follow user.");
	}

	/** The navigation's "my timeline": returns the messages it shows. */
	List<Shown> readsMyTimeline() {
		step("reads my timeline");
		chromium.clickLink("my timeline");
		chromium.shows("My Timeline");
		return messages();
	}

	void signsOut() {
		step("signs out");
		chromium.press("sign out [" + username + "]");
		chromium.shows("Public Timeline");
		assertThat(flashes()).containsExactly("You were logged out");
		assertThat(navigation()).isEqualTo("public timeline | sign up | sign in");
		username = null;
	}

	List<String> flashes() {
		return chromium.texts("ul.flashes li");
	}

	Optional<String> error() {
		return chromium.texts("div.error").stream().findFirst();
	}

	String navigation() {
		return chromium.text("nav");
	}

	String followStatus() {
		return chromium.text(".followstatus");
	}

	/** The timeline's messages, top to bottom. */
	@SuppressWarnings("unchecked")
	List<Shown> messages() {
		var rows = (List<List<String>>) chromium.script("""
				return [...document.querySelectorAll('ul.messages li')]
					.filter(item => item.querySelector('.text'))
					.map(item => [item.querySelector('strong a').innerText, item.querySelector('.text').innerText])""");
		return rows.stream().map(row -> new Shown(row.get(0), row.get(1))).toList();
	}

}
