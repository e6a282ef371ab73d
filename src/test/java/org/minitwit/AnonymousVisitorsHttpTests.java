package org.minitwit;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.minitwit.support.MiniTwitOverHttp;
import org.minitwit.support.TestSite;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a signed-out visitor can make MiniTwit store or write at the rate of its requests:
 * no session for reading pages and fetching forms, and no more than one short line of log
 * for a request it spoiled.
 */
@MiniTwitOverHttp
class AnonymousVisitorsHttpTests {

	@Autowired
	private TestSite site;

	@Autowired
	private JdbcClient jdbc;

	@Test
	void theFormsAndPagesOfASignedOutVisitorStoreNoSession() {
		long sessions = sessions();

		for (int i = 0; i < 10; i++) {
			for (String path : List.of("/login", "/register", "/public")) {
				var page = site.browser().get(path);
				assertThat(page.status()).isEqualTo(200);
				assertThat(page.headers().allValues("Set-Cookie")).as("cookies set by %s", path)
					.noneMatch(cookie -> cookie.startsWith("SESSION="));
			}
		}

		assertThat(sessions()).isLessThanOrEqualTo(sessions);
	}

	@Test
	void theFormsStillWorkAndSigningInStartsTheSession() {
		var user = site.user("Cookieless");
		var browser = site.browser();

		var signedIn = browser.signIn(user.username(), TestSite.PASSWORD);

		assertThat(signedIn.redirectTarget()).isEqualTo("/");
		assertThat(signedIn.headers().allValues("Set-Cookie")).anyMatch(cookie -> cookie.startsWith("SESSION="));
		assertThat(browser.follow(signedIn).navigation()).endsWith("sign out [" + user.username() + "]");
	}

	/**
	 * Once signed in, only the token the session holds counts: a CSRF cookie, from before
	 * the sign-in or set by whoever can set cookies for the site, is no token at all.
	 */
	@Test
	void aSignedInUsersTokenIsTheSessionsNeverACookie() {
		var user = site.user("Tossed");
		var browser = site.browser();
		String cookieToken = browser.get("/login").csrfToken();
		String xsrf = browser.cookie("XSRF-TOKEN").orElseThrow();
		assertThat(browser.signIn(user.username(), TestSite.PASSWORD).redirectTarget()).isEqualTo("/");
		var before = site.counts();

		browser.setCookie("XSRF-TOKEN", xsrf);
		var forged = browser.post("/add_message", "text", "with a cookie's token", "_csrf", cookieToken);

		assertThat(forged.status()).isEqualTo(403);
		assertThat(site.counts()).isEqualTo(before);
		assertThat(browser.share("with the session's token").redirectTarget()).isEqualTo("/");
	}

	/**
	 * Malformed escapes and line breaks in a query: a 400 page each, and in the log at
	 * most one line per request, without a stack trace and without a line the visitor
	 * wrote.
	 */
	@Test
	@ExtendWith(OutputCaptureExtension.class)
	void aSpoiledQueryIsOneShortLineOfLogAtMost(CapturedOutput output) {
		var queries = List.of("/public?before=%FF", "/public?before=%E0%80", "/?before=%C0%AF",
				"/public?before=1%0D%0A2026-01-01T00:00:00.000Z%20ERROR%201%20---%20%5Bmain%5D%20forged:%20line",
				"/public?before=1%0AFORGED%20LINE");
		int linesBefore = output.getAll().split("\n", -1).length;

		for (String query : queries) {
			var page = site.browser().get(query);
			assertThat(page.status()).as(query).isEqualTo(400);
			assertThat(page.title()).isEqualTo("Bad Request");
		}

		String log = output.getAll();
		assertThat(log).doesNotContain("\tat ", "Exception:\n");
		assertThat(log.lines()).noneMatch(line -> line.startsWith("FORGED") || line.startsWith("2026-01-01T00:00"));
		assertThat(log.split("\n", -1).length - linesBefore).as("lines logged:%n%s", log)
			.isLessThanOrEqualTo(queries.size());
	}

	private long sessions() {
		return jdbc.sql("SELECT COUNT(*) FROM SPRING_SESSION").query(Long.class).single();
	}

}
