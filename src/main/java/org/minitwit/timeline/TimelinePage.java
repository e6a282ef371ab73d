package org.minitwit.timeline;

import java.util.List;

/**
 * A page of a timeline, and where the next (older) page starts, null on the last page.
 */
record TimelinePage(List<TimelineMessage> messages, Cursor next) {

	/** Builds a page from a query that asked for one row more than the page holds. */
	static TimelinePage of(List<TimelineMessage> rows, int pageSize) {
		if (rows.size() <= pageSize) {
			return new TimelinePage(rows, null);
		}
		var messages = rows.subList(0, pageSize);
		return new TimelinePage(messages, messages.get(pageSize - 1).cursor());
	}

}
