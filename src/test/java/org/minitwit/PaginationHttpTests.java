package org.minitwit;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.minitwit.user.User;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.minitwit.Browser.userPath;

/**
 * Timelines of 75 messages, written ten to a second so that page boundaries fall inside a
 * second, read by following the "Older messages" links: 30, 30 and 15, in order, none
 * twice, none missing.
 */
@MiniTwitOverHttp
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PaginationHttpTests {

	private static final int MESSAGES = 75;

	private static final int PER_SECOND = 10;

	/**
	 * Long ago, so that the messages of other tests (written now) stay above these on the
	 * public timeline.
	 */
	private static final long SOLO_START = 1_000_000_000;

	private static final long CIRCLE_START = 1_100_000_000;

	@Autowired
	private TestSite site;

	@Autowired
	private JdbcClient jdbc;

	private User solo;

	private List<String> soloTimeline;

	private User reader;

	private List<String> readersTimeline;

	@BeforeAll
	void writeTimelines() {
		solo = site.user("Solo");
		for (int i = 0; i < MESSAGES; i++) {
			site.message(solo, "solo message " + i, SOLO_START + i / PER_SECOND);
		}
		// Flagged messages are never shown, so it must not take a place on any page.
		site.message(solo, "solo flagged", SOLO_START + 4);
		jdbc.sql("UPDATE message SET flagged = 1 WHERE text = 'solo flagged'").update();
		soloTimeline = newestFirst(IntStream.range(0, MESSAGES).mapToObj(i -> "solo message " + i).toList());

		// The reader's timeline mixes three authors within each second; a fourth, not
		// followed, writes too.
		reader = site.user("Reader");
		var authors = List.of(reader, site.user("Friend"), site.user("Colleague"));
		var stranger = site.user("Stranger");
		authors.stream().skip(1).forEach(author -> site.follow(reader, author));
		var expected = new ArrayList<String>();
		for (int i = 0; i < MESSAGES; i++) {
			long pubDate = CIRCLE_START + i / PER_SECOND;
			site.message(authors.get(i % authors.size()), "circle message " + i, pubDate);
			site.message(stranger, "stranger message " + i, pubDate);
			expected.add("circle message " + i);
		}
		readersTimeline = newestFirst(expected);
	}

	@Test
	void userPageIsPagedThirtyThirtyFifteen() {
		var pages = walk(site.browser(), userPath(solo.username()));

		assertThat(pages).extracting(List::size).containsExactly(30, 30, 15);
		assertThat(texts(pages)).isEqualTo(soloTimeline);
	}

	@Test
	void myTimelineIsPagedThirtyThirtyFifteenAcrossTheAuthorsIFollow() {
		var pages = walk(site.signedIn(reader), "/");

		assertThat(pages).extracting(List::size).containsExactly(30, 30, 15);
		assertThat(texts(pages)).isEqualTo(readersTimeline);
	}

	@Test
	void publicTimelineIsPagedToItsEndInTheDatabasesOrder() {
		var pages = walk(site.browser(), "/public");

		assertThat(pages.subList(0, pages.size() - 1)).allSatisfy(page -> assertThat(page).hasSize(30));
		assertThat(pages.get(pages.size() - 1)).isNotEmpty().hasSizeLessThanOrEqualTo(30);
		var shown = texts(pages);
		assertThat(shown)
			.isEqualTo(jdbc.sql("SELECT text FROM message WHERE flagged = 0 ORDER BY pub_date DESC, message_id DESC")
				.query(String.class)
				.list());
		assertThat(shown.stream().filter(text -> text.startsWith("solo ")).toList()).isEqualTo(soloTimeline);
	}

	@Test
	void pagesLinkOnlyToOlderPagesOfTheSameTimeline() {
		var browser = site.signedIn(reader);

		assertThat(browser.get("/").olderMessages())
			.hasValueSatisfying(link -> assertThat(link).startsWith("/?before="));
		assertThat(browser.get(userPath(solo.username())).olderMessages())
			.hasValueSatisfying(link -> assertThat(link).startsWith(userPath(solo.username()) + "?before="));
		assertThat(browser.get("/public").olderMessages())
			.hasValueSatisfying(link -> assertThat(link).startsWith("/public?before="));
	}

	/**
	 * Reads a timeline page by page, following its "Older messages" links to the last
	 * page.
	 */
	private static List<List<Page.Message>> walk(Browser browser, String firstPage) {
		var pages = new ArrayList<List<Page.Message>>();
		Optional<String> next = Optional.of(firstPage);
		while (next.isPresent()) {
			var page = browser.get(next.get());
			assertThat(page.status()).as(next.get()).isEqualTo(200);
			pages.add(page.messages());
			next = page.olderMessages();
			assertThat(pages).as("pages of %s, without end", firstPage).hasSizeLessThan(1000);
		}
		return pages;
	}

	private static List<String> texts(List<List<Page.Message>> pages) {
		return pages.stream().flatMap(List::stream).map(Page.Message::text).toList();
	}

	private static List<String> newestFirst(List<String> oldestFirst) {
		var reversed = new ArrayList<>(oldestFirst);
		Collections.reverse(reversed);
		return reversed;
	}

}
