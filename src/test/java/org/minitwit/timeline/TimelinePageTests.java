package org.minitwit.timeline;

import java.util.List;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TimelinePageTests {

	private static final int PAGE_SIZE = 3;

	@Test
	void noRowsMakeAnEmptyLastPage() {
		var page = TimelinePage.of(List.of(), PAGE_SIZE);

		assertThat(page.messages()).isEmpty();
		assertThat(page.next()).isNull();
	}

	@Test
	void aFullPageWithoutTheExtraRowIsTheLastPage() {
		var rows = rows(PAGE_SIZE);

		var page = TimelinePage.of(rows, PAGE_SIZE);

		assertThat(page.messages()).isEqualTo(rows);
		assertThat(page.next()).isNull();
	}

	@Test
	void theExtraRowIsDroppedAndTheNextPageStartsAfterTheLastRowShown() {
		var rows = rows(PAGE_SIZE + 1);

		var page = TimelinePage.of(rows, PAGE_SIZE);

		assertThat(page.messages()).isEqualTo(rows.subList(0, PAGE_SIZE));
		// The cursor is the last shown row, not the extra one: "older than" it starts
		// with the extra row.
		assertThat(page.next())
			.isEqualTo(new Cursor(rows.get(PAGE_SIZE - 1).pubDate(), rows.get(PAGE_SIZE - 1).messageId()));
	}

	@Test
	void fewerRowsThanAPageAreAllShown() {
		var rows = rows(PAGE_SIZE - 1);

		assertThat(TimelinePage.of(rows, PAGE_SIZE)).isEqualTo(new TimelinePage(rows, null));
	}

	/** Newest first, two messages per second, as the timeline queries return them. */
	private static List<TimelineMessage> rows(int count) {
		return LongStream.range(0, count)
			.map(i -> count - 1 - i)
			.mapToObj(id -> new TimelineMessage(id, "message " + id, 1_700_000_000 + id / 2, "alice",
					"alice@example.com"))
			.toList();
	}

}
