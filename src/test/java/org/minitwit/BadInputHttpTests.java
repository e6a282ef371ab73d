package org.minitwit;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.minitwit.Browser.userPath;

/**
 * Every bad request gets a clear answer, in a MiniTwit page where MiniTwit answers, and
 * writes nothing.
 */
@MiniTwitOverHttp
class BadInputHttpTests {

	private static final String CONTENT_SECURITY_POLICY = "default-src 'self'; img-src 'self' https://www.gravatar.com; "
			+ "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

	@Autowired
	private TestSite site;

	@Test
	void formsWithoutAValidCsrfTokenAreForbiddenAndChangeNothing() {
		var user = site.user("Victim");
		var target = site.user("Target");
		// followed already, so that a forged unfollow would change something
		site.follow(user, target);
		var signedOut = site.browser();
		signedOut.get("/login");
		var signedIn = site.signedIn(user);
		String tokenOfAnotherSession = site.browser().get("/login").csrfToken();
		var before = site.counts();

		for (String[] badToken : List.of(new String[0], new String[] { "_csrf", "forged" },
				new String[] { "_csrf", tokenOfAnotherSession })) {
			assertForbidden(signedOut.post("/login",
					withFields(badToken, "username", user.username(), "password", TestSite.PASSWORD)));
			assertForbidden(signedOut.post("/register", withFields(badToken, "username", "csrf-victim", "email",
					"v@example.com", "password", "pw", "password2", "pw")));
			assertForbidden(signedIn.post("/add_message", withFields(badToken, "text", "forged message")));
			assertForbidden(signedIn.post(userPath(target.username()) + "/follow", badToken));
			assertForbidden(signedIn.post(userPath(target.username()) + "/unfollow", badToken));
			assertForbidden(signedIn.post("/logout", badToken));
		}

		assertThat(site.counts()).isEqualTo(before);
		assertThat(signedOut.get("/").redirectTarget()).as("the forged sign-in did not sign in").isEqualTo("/public");
		assertThat(signedIn.get("/").status()).as("the forged sign-out did not sign out").isEqualTo(200);
	}

	@Test
	void aTokenFromBeforeSignInIsStaleAfterIt() {
		var user = site.user("Rotated");
		var browser = site.browser();
		String tokenBeforeSignIn = browser.get("/login").csrfToken();
		assertThat(browser.signIn(user.username(), TestSite.PASSWORD).redirectTarget()).isEqualTo("/");
		var before = site.counts();

		assertForbidden(browser.post("/add_message", "text", "with an old token", "_csrf", tokenBeforeSignIn));

		assertThat(site.counts()).isEqualTo(before);
	}

	@Test
	void forbiddenPageSaysToReloadAndTryAgain() {
		var forbidden = site.browser().post("/login", "username", "someone", "password", "pw");

		assertForbidden(forbidden);
		assertThat(forbidden.text()).containsIgnoringCase("reload the page and try again");
	}

	@Test
	void signedOutActionsWithATokenAreSentToSignInAndChangeNothing() {
		var target = site.user("Followed");
		site.follow(site.user("Follower"), target);
		var browser = site.browser();
		String token = browser.get("/login").csrfToken();
		var before = site.counts();

		assertThat(browser.post("/add_message", "text", "anonymous", "_csrf", token).redirectTarget())
			.isEqualTo("/login");
		assertThat(browser.post(userPath(target.username()) + "/follow", "_csrf", token).redirectTarget())
			.isEqualTo("/login");
		assertThat(browser.post(userPath(target.username()) + "/unfollow", "_csrf", token).redirectTarget())
			.isEqualTo("/login");
		assertThat(browser.post("/no/such/action", "_csrf", token).redirectTarget()).isEqualTo("/login");

		assertThat(site.counts()).isEqualTo(before);
	}

	@Test
	void everyStateChangingRequestWithoutATokenIsForbiddenWhereverItGoes() {
		var user = site.user("Tokenless");
		for (var browser : List.of(site.browser(), site.signedIn(user))) {
			for (String path : List.of("/add_message", userPath(user.username()) + "/follow", "/public",
					"/no/such/page", userPath(user.username()), "/actuator/health", "/static/style.css")) {
				assertForbidden(browser.post(path, "text", "x"));
			}
		}
	}

	@Test
	void wrongMethodsAreAMiniTwitMethodNotAllowedPage() {
		var user = site.user("Methodical");
		var browser = site.signedIn(user);

		String token = browser.get("/public").csrfToken();

		for (var page : List.of(browser.get("/add_message"), browser.get("/logout"),
				browser.get(userPath(user.username()) + "/follow"), browser.post("/public", "_csrf", token),
				browser.post(userPath(user.username()), "_csrf", token))) {
			assertThat(page.status()).as(page.uri().toString()).isEqualTo(405);
			assertThat(page.title()).isEqualTo("Method Not Allowed");
		}
		assertThat(browser.get("/add_message").header("Allow")).contains("POST");
	}

	@Test
	void unknownPagesAreAMiniTwitNotFoundPage() {
		var browser = site.browser();

		for (String path : List.of("/no/such/page", "/static/no-such-file.css", "/error", "/no-such-user")) {
			var page = browser.get(path);
			assertThat(page.status()).as(path).isEqualTo(404);
			assertThat(page.title()).as(path).isEqualTo("Page Not Found");
			assertThat(page.html()).contains("<h1>MiniTwit</h1>");
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "yesterday", "", "-", "1700000000", "1700000000-", "-42", "1-2-3", "1700000000-x",
			"99999999999999999999-1" })
	void malformedCursorIsAMiniTwitBadRequestPage(String before) {
		var user = site.user("Cursor");
		var browser = site.signedIn(user);

		for (String timeline : List.of("/", "/public", userPath(user.username()))) {
			var page = browser.get(timeline + "?before=" + URLEncoder.encode(before, StandardCharsets.UTF_8));
			assertThat(page.status()).as(page.uri().toString()).isEqualTo(400);
			assertThat(page.title()).isEqualTo("Bad Request");
		}
	}

	@Test
	void requestBodiesOver64KbAreAMiniTwitTooLargePageAndStoreNothing() {
		var browser = site.signedIn(site.user("Flood"));
		var timeline = browser.get("/");
		var signUp = site.browser().get("/register");
		var before = site.counts();
		String huge = "x".repeat(70 * 1024);

		var message = browser.submit(timeline, "/add_message", "text", huge);
		var registration = site.browser()
			.submit(signUp, "/register", "username", huge, "email", "f@example.com", "password", "pw", "password2",
					"pw");

		for (var page : List.of(message, registration)) {
			assertThat(page.status()).isEqualTo(413);
			assertThat(page.title()).isEqualTo("Request Too Large");
		}
		assertThat(site.counts()).isEqualTo(before);
	}

	@ParameterizedTest
	@ValueSource(strings = { "/a%2Fb", "/a%5Cb", "/a%00b", "/%2e%2e/", "/a;x=1", "/a%3Bb", "/a%25b", "/a%0Ab" })
	void pathsThatTheServerRefusesAreABadRequest(String path) {
		// The Browser checks that no answer shows a stack trace.
		assertThat(site.browser().get(path).status()).isEqualTo(400);
	}

	@Test
	void everyAnswerCarriesTheSecurityHeaders() {
		var browser = site.browser();

		for (var page : List.of(browser.get("/public"), browser.get("/login"), browser.get("/no/such/page"),
				browser.post("/login"), browser.get("/"), browser.get("/static/style.css"),
				browser.get("/public?before=x"))) {
			assertThat(page.header("Content-Security-Policy")).as(page.uri().toString())
				.isEqualTo(CONTENT_SECURITY_POLICY);
			assertThat(page.header("X-Content-Type-Options")).isEqualTo("nosniff");
			assertThat(page.header("X-Frame-Options")).isEqualTo("DENY");
			assertThat(page.headers().firstValue("Server")).as("no server banner on %s", page.uri()).isEmpty();
			assertThat(page.headers().firstValue("X-Powered-By")).isEmpty();
		}
	}

	/**
	 * No inline script, no eval, no plug-ins, no framing: scripts fall back to
	 * default-src 'self'.
	 */
	@Test
	void theContentSecurityPolicyAllowsNoInlineScriptAndNoFraming() {
		String policy = site.browser().get("/public").header("Content-Security-Policy");

		assertThat(policy).doesNotContain("unsafe-inline", "unsafe-eval", "script-src", "*")
			.contains("default-src 'self'", "object-src 'none'", "frame-ancestors 'none'", "base-uri 'self'");
	}

	@Test
	void healthIsReachableAndItsProbesToo() {
		var browser = site.browser();

		for (String path : List.of("/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness")) {
			var health = browser.get(path);
			assertThat(health.status()).as(path).isEqualTo(200);
			assertThat(health.html()).contains("\"status\":\"UP\"");
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "/actuator/env", "/actuator/beans", "/actuator/configprops", "/actuator/heapdump",
			"/actuator/loggers", "/actuator/mappings", "/actuator/threaddump", "/actuator/health/db", "/actuator/info",
			"/actuator/metrics", "/actuator/prometheus", "/actuator/sessions", "/actuator/flyway",
			"/actuator/scheduledtasks", "/actuator/conditions", "/actuator/shutdown", "/actuator/health/diskSpace" })
	void nothingElseOfTheActuatorIsReachable(String path) {
		assertThat(site.browser().get(path).status()).isEqualTo(404);
	}

	@ParameterizedTest
	@ValueSource(strings = { "/actuator/shutdown", "/actuator/loggers/ROOT", "/actuator/env", "/actuator/sessions" })
	void noActuatorEndpointTakesAPost(String path) {
		// not 200, and a MiniTwit page: 404 (no such endpoint) or 405 (health is
		// read-only)
		var browser = site.signedIn(site.user("Operator"));
		var page = browser.post(path, "configuredLevel", "TRACE", "_csrf", browser.get("/public").csrfToken());
		assertThat(page.status()).isIn(404, 405);
		assertThat(page.html()).contains("<h1>MiniTwit</h1>");
	}

	@Test
	void theActuatorsIndexIsNotReachableEither() {
		assertThat(site.browser().get("/actuator").status()).isEqualTo(404);
	}

	private static void assertForbidden(Page page) {
		assertThat(page.status()).as(page.uri().toString()).isEqualTo(403);
		assertThat(page.title()).isEqualTo("Forbidden");
	}

	private static String[] withFields(String[] fields, String... more) {
		var all = new ArrayList<>(List.of(fields));
		all.addAll(List.of(more));
		return all.toArray(String[]::new);
	}

}
