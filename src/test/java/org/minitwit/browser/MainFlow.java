package org.minitwit.browser;

import java.util.ArrayList;
import java.util.List;

import org.minitwit.browser.Person.Shown;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * MiniTwit's main flow as a person goes through it in Chromium, on whichever site the
 * browser shows (one instance, or a cluster behind a load balancer): sign up (after a
 * mistake), sign in, share two messages, follow someone and read their messages on my
 * timeline, unfollow, sign out.
 */
public final class MainFlow {

	static final String PASSWORD = "correct horse battery staple";

	private MainFlow() {
	}

	/**
	 * Runs the flow as a new user. {@code followee} must exist and have shared
	 * {@code theirMessages} (newest first, all older than this flow), the newest on the
	 * first page of the public timeline.
	 */
	public static void run(Chromium chromium, String followee, List<String> theirMessages) {
		System.out.println("browser flow: sign up, sign in, share, follow, unfollow, sign out on " + chromium.site());
		var person = new Person(chromium);
		String username = "Walker-" + Long.toString(System.nanoTime(), 36);

		person.opens("/public", "Public Timeline");
		person.signsUpAfterMistypingTheRepeatedPassword(username, PASSWORD);
		person.signsInWithTheKeyboard(username, PASSWORD);
		assertThat(chromium.text("ul.messages")).isEqualTo("There's no message so far.");

		person.shares("My first message");
		person.shares("And a second one");
		var mine = List.of(new Shown(username, "And a second one"), new Shown(username, "My first message"));
		assertThat(person.messages()).as("newest first").isEqualTo(mine);

		person.opens("/public", "Public Timeline");
		person.follows(followee);
		var mineThenTheirs = new ArrayList<>(mine);
		theirMessages.forEach(text -> mineThenTheirs.add(new Shown(followee, text)));
		assertThat(person.readsMyTimeline()).as("my timeline, following " + followee).isEqualTo(mineThenTheirs);

		person.unfollows(followee);
		assertThat(person.readsMyTimeline()).as("my timeline, no longer following " + followee).isEqualTo(mine);

		person.signsOut();
	}

}
