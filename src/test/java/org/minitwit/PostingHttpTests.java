package org.minitwit;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

@MiniTwitOverHttp
class PostingHttpTests {

	@Autowired
	private TestSite site;

	@Test
	void sharedMessageIsRecordedAndShownOnEveryTimelineItBelongsTo() {
		var author = site.user("Poster");
		var browser = site.signedIn(author);

		var shared = browser.share("Hello, MiniTwit!");

		assertThat(shared.redirectTarget()).isEqualTo("/");
		var timeline = browser.follow(shared);
		assertThat(timeline.flashes()).containsExactly("Your message was recorded");
		assertThat(timeline.messages()).first().satisfies(message -> {
			assertThat(message.author()).isEqualTo(author.username());
			assertThat(message.authorLink()).isEqualTo(Browser.userPath(author.username()));
			assertThat(message.text()).isEqualTo("Hello, MiniTwit!");
			assertThat(message.publishedAt()).matches("\\d{4}-\\d\\d-\\d\\d @ \\d\\d:\\d\\d");
		});
		assertThat(texts(site.browser().get("/public"))).contains("Hello, MiniTwit!");
		assertThat(texts(site.browser().get(Browser.userPath(author.username())))).containsExactly("Hello, MiniTwit!");
	}

	@Test
	void htmlInAMessageComesBackAsText() {
		var browser = site.signedIn(site.user("Mallory"));
		String markup = "<script>alert(\"pwned\")</script> & <b>bold</b>";

		browser.share(markup);

		for (var page : List.of(browser.get("/"), browser.get("/public"))) {
			assertThat(page.html())
				.contains("&lt;script&gt;alert(&quot;pwned&quot;)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;")
				.doesNotContain("<script>", "<b>bold");
			assertThat(texts(page)).contains(markup);
		}
	}

	@Test
	void anyScriptAndEmojiRoundTrip() {
		var browser = site.signedIn(site.user("Polyglot"));
		String text = "Grüße aus Köln 😀 — 山田さん, مرحبا, Здравствуйте, '); DROP TABLE message; --";

		browser.share(text);

		assertThat(texts(browser.get("/"))).first().isEqualTo(text);
	}

	@Test
	void emptyOrWhitespaceOnlyTextStoresNothingAndShowsNoFlash() {
		var browser = site.signedIn(site.user("Quiet"));
		var before = site.counts();

		for (String blank : List.of("", "   ", " \n\t\r\n ")) {
			var refused = browser.share(blank);
			assertThat(refused.redirectTarget()).isEqualTo("/");
			assertThat(browser.follow(refused).flashes()).isEmpty();
		}

		assertThat(site.counts()).isEqualTo(before);
	}

	@Test
	void overLongTextIsRefusedWithTheErrorAndTheTextKeptButTheLimitItselfIsFine() {
		var browser = site.signedIn(site.user("Verbose"));
		var before = site.counts();
		// 1001 code points; as Java chars it would be 1002.
		String tooLong = "ä".repeat(1000) + "😀";

		var refused = browser.share(tooLong);

		assertThat(refused.status()).isEqualTo(200);
		assertThat(refused.title()).isEqualTo("My Timeline");
		assertThat(refused.error()).contains("Error: Your message can have at most 1000 characters");
		assertThat(refused.field("text")).isEqualTo(tooLong);
		assertThat(refused.flashes()).isEmpty();
		assertThat(site.counts()).isEqualTo(before);

		// the form shown again still works
		String longest = "😀".repeat(1000);
		assertThat(browser.submit(refused, "/add_message", "text", longest).redirectTarget()).isEqualTo("/");
		assertThat(texts(browser.get("/"))).first().isEqualTo(longest);
	}

	@Test
	void aFlashAppearsExactlyOnce() {
		var browser = site.signedIn(site.user("Once"));

		assertThat(browser.follow(browser.share("first")).flashes()).containsExactly("Your message was recorded");
		assertThat(browser.get("/").flashes()).isEmpty();
		assertThat(browser.get("/public").flashes()).isEmpty();

		assertThat(browser.follow(browser.share("second")).flashes()).containsExactly("Your message was recorded");
		assertThat(browser.get("/").flashes()).isEmpty();
	}

	private static List<String> texts(Page timeline) {
		return timeline.messages().stream().map(Page.Message::text).toList();
	}

}
