package org.minitwit.timeline;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.BiFunction;

import org.junit.jupiter.api.Test;
import org.minitwit.support.MiniTwitJdbcSlice;
import org.minitwit.support.ThreeUsersTests;
import org.minitwit.user.User;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;
import static org.minitwit.support.TestUsers.register;

@MiniTwitJdbcSlice
@Import(MessageRepository.class)
abstract class MessageRepositoryTests extends ThreeUsersTests {

	private static final int PAGE_SIZE = 30;

	private static final long SECOND = 1_700_000_000L;

	@Autowired
	MessageRepository messages;

	@Test
	void everyTimelineShowsTheNewestFirst() {
		messages.add(alice.userId(), "middle", SECOND);
		messages.add(alice.userId(), "newest", SECOND + 60);
		messages.add(alice.userId(), "oldest", SECOND - 60);

		for (var timeline : List.of(publicTimeline(), userTimeline(alice), myTimeline(alice))) {
			assertThat(timeline.apply(Cursor.START, PAGE_SIZE)).extracting(TimelineMessage::text)
				.containsExactly("newest", "middle", "oldest");
		}
	}

	@Test
	void timelinesNameTheAuthor() {
		messages.add(bob.userId(), "hello", SECOND);

		for (var timeline : List.of(publicTimeline(), userTimeline(bob), myTimeline(bob))) {
			assertThat(timeline.apply(Cursor.START, PAGE_SIZE)).singleElement()
				.extracting(TimelineMessage::username, TimelineMessage::email, TimelineMessage::pubDate)
				.containsExactly("bob", "bob@example.org", SECOND);
		}
	}

	@Test
	void flaggedMessagesAppearInNoTimeline() {
		messages.add(alice.userId(), "fine", SECOND);
		messages.add(alice.userId(), "spam", SECOND + 1);
		messages.add(bob.userId(), "more spam", SECOND + 2);
		jdbc.sql("UPDATE message SET flagged = 1 WHERE text LIKE '%spam'").update();

		for (var timeline : List.of(publicTimeline(), userTimeline(alice), myTimeline(alice, bob))) {
			assertThat(timeline.apply(Cursor.START, PAGE_SIZE)).extracting(TimelineMessage::text)
				.containsExactly("fine");
		}
		assertThat(userTimeline(bob).apply(Cursor.START, PAGE_SIZE)).isEmpty();
	}

	@Test
	void emojiAnyScriptAndHtmlRoundTripUnchanged() {
		String text = "<script>alert('x')</script> &amp; <b>bold</b> 🐱👩‍💻 Привет مرحبا 你好 \"quoted\" \\n";
		messages.add(alice.userId(), text, SECOND);

		for (var timeline : List.of(publicTimeline(), userTimeline(alice), myTimeline(alice))) {
			assertThat(timeline.apply(Cursor.START, PAGE_SIZE)).extracting(TimelineMessage::text).containsExactly(text);
		}
	}

	@Test
	void storesTheLongestAllowedMessageInEmoji() {
		// two UTF-16 units each, as H2 counts them
		String text = "🐱".repeat(MessageRepository.MAX_TEXT_LENGTH);
		messages.add(alice.userId(), text, SECOND);

		assertThat(userTimeline(alice).apply(Cursor.START, PAGE_SIZE)).extracting(TimelineMessage::text)
			.containsExactly(text);
	}

	@Test
	void myTimelineShowsMineAndThoseOfWhomIFollowOnly() {
		messages.add(alice.userId(), "by alice", SECOND);
		messages.add(bob.userId(), "by bob", SECOND + 1);
		messages.add(carol.userId(), "by carol", SECOND + 2);

		assertThat(myTimeline(alice, bob).apply(Cursor.START, PAGE_SIZE)).extracting(TimelineMessage::text)
			.containsExactly("by bob", "by alice");
		assertThat(myTimeline(carol).apply(Cursor.START, PAGE_SIZE)).extracting(TimelineMessage::text)
			.containsExactly("by carol");
		assertThat(myTimeline(bob).apply(Cursor.START, PAGE_SIZE)).extracting(TimelineMessage::text)
			.containsExactly("by bob");
	}

	/**
	 * The first page is bounded by the prolific author's 40 messages; a message of a
	 * quiet author just inside that bound must still take its place, one just outside
	 * must wait for page two.
	 */
	@Test
	void myTimelineFirstPageIsTheNewestOfAllAuthorsWhoeverWroteThem() {
		var dave = register(users, "dave");
		for (int i = 0; i < 40; i++) {
			messages.add(bob.userId(), "bob " + i, SECOND + 100 + i);
		}
		messages.add(carol.userId(), "carol, just inside", SECOND + 110);
		messages.add(dave.userId(), "dave, just outside", SECOND + 108);
		messages.add(alice.userId(), "alice, long ago", SECOND);

		var timeline = myTimeline(alice, bob, carol, dave);
		var first = TimelinePage.of(timeline.apply(Cursor.START, PAGE_SIZE + 1), PAGE_SIZE);
		var second = TimelinePage.of(timeline.apply(first.next(), PAGE_SIZE + 1), PAGE_SIZE);

		// In one second the later message (the higher id) comes first.
		assertThat(first.messages()).extracting(TimelineMessage::text)
			.hasSize(PAGE_SIZE)
			.startsWith("bob 39", "bob 38")
			.endsWith("bob 12", "bob 11", "carol, just inside");
		assertThat(second.messages()).extracting(TimelineMessage::text)
			.containsExactly("bob 10", "bob 9", "dave, just outside", "bob 8", "bob 7", "bob 6", "bob 5", "bob 4",
					"bob 3", "bob 2", "bob 1", "bob 0", "alice, long ago");
	}

	/**
	 * Only the authors who wrote last are asked for a bound; when they have written less
	 * than a page, the page is merged from every author, and is still the newest.
	 */
	@Test
	void myTimelineFirstPageIsTheNewestWhenThoseWhoWroteLastWroteLittle() {
		var dave = register(users, "dave");
		var erin = register(users, "erin");
		for (int i = 0; i < 40; i++) {
			messages.add(bob.userId(), "bob " + i, SECOND + i);
		}
		messages.add(carol.userId(), "carol", SECOND + 100);
		messages.add(dave.userId(), "dave", SECOND + 101);
		messages.add(erin.userId(), "erin", SECOND + 102);

		var first = TimelinePage.of(myTimeline(alice, bob, carol, dave, erin).apply(Cursor.START, PAGE_SIZE + 1),
				PAGE_SIZE);

		assertThat(first.messages()).extracting(TimelineMessage::text)
			.hasSize(PAGE_SIZE)
			.startsWith("erin", "dave", "carol", "bob 39")
			.endsWith("bob 13");
	}

	@Test
	void myTimelineOfSomeoneWhoFollowsAuthorsWithoutMessagesIsEmpty() {
		assertThat(myTimeline(alice, bob, carol).apply(Cursor.START, PAGE_SIZE + 1)).isEmpty();
	}

	@Test
	void publicTimelinePagesThroughEveryMessageOnce() {
		post75(alice, bob, carol);

		assertPagesOf(publicTimeline(), Set.of(alice, bob, carol));
	}

	@Test
	void userTimelinePagesThroughTheAuthorsMessagesOnce() {
		post75(alice);
		postInBetween(bob);

		assertPagesOf(userTimeline(alice), Set.of(alice));
	}

	@Test
	void myTimelinePagesThroughTheAuthorsMessagesOnce() {
		post75(alice, bob);
		postInBetween(carol);

		assertPagesOf(myTimeline(alice, bob), Set.of(alice, bob));
	}

	/**
	 * 75 messages, 40 of them in one second, posted in an order unrelated to their times,
	 * so that neither the insertion order nor the id alone is the timeline order, and
	 * page boundaries fall inside that second.
	 */
	private void post75(User... authors) {
		var pubDates = new ArrayList<Long>();
		for (int i = 1; i <= 15; i++) {
			pubDates.add(SECOND + i);
		}
		pubDates.addAll(Collections.nCopies(40, SECOND));
		for (int i = 1; i <= 20; i++) {
			pubDates.add(SECOND - i);
		}
		Collections.shuffle(pubDates, new Random(75));
		for (int i = 0; i < pubDates.size(); i++) {
			messages.add(authors[i % authors.length].userId(), "message " + i, pubDates.get(i));
		}
	}

	/**
	 * Messages of someone else at the same times, which the author's timelines must skip.
	 */
	private void postInBetween(User other) {
		for (long pubDate = SECOND - 21; pubDate <= SECOND + 16; pubDate += 3) {
			messages.add(other.userId(), "in between", pubDate);
			messages.add(other.userId(), "in between", SECOND);
		}
	}

	/**
	 * Pages of 30/30/15, each continuing after the cursor of the one before, add up to
	 * the timeline.
	 */
	private void assertPagesOf(BiFunction<Cursor, Integer, List<TimelineMessage>> timeline, Set<User> authors) {
		var pages = new ArrayList<List<Long>>();
		var cursor = Cursor.START;
		// Bounded, so that a cursor that never reaches the end fails instead of looping.
		while (cursor != null && pages.size() < 5) {
			var page = TimelinePage.of(timeline.apply(cursor, PAGE_SIZE + 1), PAGE_SIZE);
			pages.add(page.messages().stream().map(TimelineMessage::messageId).toList());
			cursor = page.next();
		}

		assertThat(pages).extracting(List::size).containsExactly(30, 30, 15);
		assertThat(pages.stream().flatMap(List::stream).toList()).containsExactlyElementsOf(timelineOrderOf(authors));
	}

	/** The expected timeline, sorted here rather than by the database under test. */
	private List<Long> timelineOrderOf(Set<User> authors) {
		var authorIds = authors.stream().map(User::userId).toList();
		record Row(long messageId, long authorId, long pubDate) {
		}
		return jdbc.sql("SELECT message_id, author_id, pub_date FROM message")
			.query(Row.class)
			.list()
			.stream()
			.filter(row -> authorIds.contains(row.authorId()))
			.sorted(Comparator.comparingLong(Row::pubDate).thenComparingLong(Row::messageId).reversed())
			.map(Row::messageId)
			.toList();
	}

	private BiFunction<Cursor, Integer, List<TimelineMessage>> publicTimeline() {
		return messages::publicTimeline;
	}

	private BiFunction<Cursor, Integer, List<TimelineMessage>> userTimeline(User author) {
		return (before, limit) -> messages.userTimeline(author, before, limit);
	}

	/** The timeline of the user, who follows the others first. */
	private BiFunction<Cursor, Integer, List<TimelineMessage>> myTimeline(User user, User... followed) {
		for (var whom : followed) {
			jdbc.sql("INSERT INTO follower (who_id, whom_id) VALUES (:who, :whom)")
				.param("who", user.userId())
				.param("whom", whom.userId())
				.update();
		}
		return (before, limit) -> messages.myTimeline(user.userId(), before, limit);
	}

}
