package org.minitwit;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.minitwit.support.Browser;
import org.minitwit.support.Page;
import org.minitwit.support.Simulator;
import org.minitwit.support.TestSite;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The simulator's protocol end to end, on one database or another (the subclasses); the
 * API shares its users and messages with the pages.
 */
abstract class SimulatorApiHttpTests {

	@Autowired
	private TestSite site;

	@Test
	void theSimulatorsActionsRoundTrip() {
		var api = site.simulator();
		String alice = TestSite.uniqueName("Åsa O'Neil");
		String bob = TestSite.uniqueName("Борис Пётр");

		assertThat(api.register(alice, "asa@example.com", "pw1").status()).isEqualTo(204);
		assertThat(api.register(bob, "boris@example.com", "pw2").status()).isEqualTo(204);
		assertThat(api.postMessage(alice, "Hej, världen! 😀").status()).isEqualTo(204);

		var own = api.get("/api/msgs/" + Simulator.segment(alice) + "?no=5");
		assertThat(own.status()).isEqualTo(200);
		assertThat(own.body()).matches("\\[\\{\"content\":\"Hej, världen! 😀\",\"pub_date\":\\d+,\"user\":\""
				+ alice.replace("'", "'") + "\"}]");
		assertThat(api.get("/api/msgs?no=10000").body()).contains("Hej, världen! 😀");

		String follows = "/api/fllws/" + Simulator.segment(alice);
		assertThat(api.follow(alice, bob).status()).isEqualTo(204);
		assertThat(api.follow(alice, bob).status()).as("following twice").isEqualTo(204);
		assertThat(api.get(follows).body()).isEqualTo("{\"follows\":[\"" + bob + "\"]}");
		var unfollow = Simulator.json(Map.of("unfollow", bob));
		assertThat(api.post(follows, unfollow).status()).isEqualTo(204);
		assertThat(api.post(follows, unfollow).status()).as("unfollowing a stranger").isEqualTo(204);
		assertThat(api.get(follows).body()).isEqualTo("{\"follows\":[]}");
	}

	@Test
	void latestIsRecordedFirstAlsoWhenTheRequestFailsAndNeverWithoutCredentials() {
		var api = site.simulator();
		assertThat(api.get("/api/msgs/nobody-at-all?latest=4711").status()).isEqualTo(404);
		assertThat(api.get("/api/latest").body()).isEqualTo("{\"latest\":4711}");

		assertThat(api.anonymous("/api/msgs?latest=99").status()).isEqualTo(403);
		var wrong = new Simulator(api.site(), "simulator", "wrong").get("/api/msgs?latest=98");
		assertThat(wrong.status()).isEqualTo(403);
		assertThat(wrong.body())
			.isEqualTo("{\"status\":403,\"error_msg\":\"You are not authorized to use this resource!\"}");
		assertThat(api.get("/api/latest?latest=abc").body()).isEqualTo("{\"latest\":4711}");
	}

	@Test
	void aUserSignedUpThroughTheApiSignsInOnThePagesAndTheirPostIsPublicAtOnce() {
		var api = site.simulator();
		String name = TestSite.uniqueName("Zoë d'Arc");
		assertThat(api.register(name, "zoe@example.com", TestSite.PASSWORD).status()).isEqualTo(204);
		assertThat(api.postMessage(name, "posted by a program").status()).isEqualTo(204);

		var browser = site.browser();
		assertThat(browser.signIn(name, TestSite.PASSWORD).redirectTarget()).isEqualTo("/");
		assertThat(site.browser().get("/public").messages()).extracting(Page.Message::text)
			.contains("posted by a program");
	}

	@Test
	void aUserSignedUpOnThePagesIsKnownToTheApi() {
		var user = site.user("Paged");
		var api = site.simulator();

		assertThat(api.postMessage(user.username(), "from the simulator").status()).isEqualTo(204);
		assertThat(api.register(user.username(), "other@example.com", "pw").body())
			.isEqualTo("{\"status\":400,\"error_msg\":\"The username is already taken\"}");
		assertThat(site.browser().get(Browser.userPath(user.username())).messages()).extracting(Page.Message::text)
			.containsExactly("from the simulator");
	}

	@Test
	void signUpAnswersThePagesMessagesInItsOrder() {
		var api = site.simulator();
		assertThat(api.register("", "", "").body())
			.isEqualTo("{\"status\":400,\"error_msg\":\"You have to enter a username\"}");
		assertThat(api.register(TestSite.uniqueName("NoMail"), "not-an-address", "").body())
			.isEqualTo("{\"status\":400,\"error_msg\":\"You have to enter a valid email address\"}");
		assertThat(api.register(TestSite.uniqueName("NoPassword"), "a@example.com", "").body())
			.isEqualTo("{\"status\":400,\"error_msg\":\"You have to enter a password\"}");
	}

	@Test
	void theApiNeverCreatesASessionNorSetsACookie() {
		var api = site.simulator();
		String name = TestSite.uniqueName("Stateless");
		var answers = new java.util.ArrayList<Simulator.Answer>();
		answers.add(api.register(name, "s@example.com", "pw"));
		answers.add(api.postMessage(name, "no cookies"));
		answers.add(api.get("/api/msgs"));
		answers.add(api.get("/api/msgs/nobody-at-all"));
		answers.add(api.anonymous("/api/latest"));
		answers.add(api.post("/api/register", "{"));
		for (var answer : answers) {
			assertThat(answer.header("Set-Cookie")).as("cookies of a %d", answer.status()).isEmpty();
		}
	}

}
