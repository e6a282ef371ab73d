package org.minitwit.timeline;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.minitwit.user.User;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import static org.minitwit.system.Rows.requireOne;

/**
 * The {@code message} table and the three timeline queries. Each query reads the page of message
 * ids from an index first and joins the authors afterwards, so the database never joins or sorts
 * more than a page of rows (MariaDB otherwise picks a plan that walks every user).
 */
@Repository
public class MessageRepository {

	/** Messages strictly older than the cursor, in timeline order. */
	private static final String OLDER_THAN_CURSOR = """
			flagged = 0 AND (pub_date < :pubDate OR (pub_date = :pubDate AND message_id < :messageId))
			ORDER BY pub_date DESC, message_id DESC
			""";

	private final JdbcClient jdbc;

	MessageRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public void add(long authorId, String text, long pubDate) {
		requireOne(jdbc.sql("""
				INSERT INTO message (author_id, text, pub_date, flagged)
				VALUES (:authorId, :text, :pubDate, 0)
				""").param("authorId", authorId).param("text", text).param("pubDate", pubDate).update());
	}

	/** Everyone's messages; {@code limit} rows at most. */
	List<TimelineMessage> publicTimeline(Cursor before, int limit) {
		return jdbc.sql("""
				SELECT m.message_id, m.text, m.pub_date, u.username, u.email
				FROM (SELECT message_id FROM message
				      WHERE %s
				      LIMIT :limit) page
				JOIN message m ON m.message_id = page.message_id
				JOIN users u ON u.user_id = m.author_id
				ORDER BY m.pub_date DESC, m.message_id DESC
				""".formatted(OLDER_THAN_CURSOR))
			.params(cursorParams(before, limit))
			.query(TimelineMessage.class)
			.list();
	}

	/** One author's messages; the author is known, so no join. */
	List<TimelineMessage> userTimeline(User author, Cursor before, int limit) {
		return jdbc.sql("""
				SELECT message_id, text, pub_date
				FROM message
				WHERE author_id = :authorId AND %s
				LIMIT :limit
				""".formatted(OLDER_THAN_CURSOR))
			.params(cursorParams(before, limit))
			.param("authorId", author.userId())
			.query((rs, row) -> new TimelineMessage(rs.getLong("message_id"), rs.getString("text"),
					rs.getLong("pub_date"), author.username(), author.email()))
			.list();
	}

	/**
	 * The messages of several authors. Each author's newest page of (id, date) comes from the author
	 * index alone (one branch of a UNION ALL each); those few index entries are merged and cut to
	 * one page before any message row or author is read, so the cost is a page of index entries per
	 * author plus one page of rows, however many messages the authors have written.
	 */
	List<TimelineMessage> timelineOf(Collection<Long> authorIds, Cursor before, int limit) {
		var authors = List.copyOf(authorIds);
		String branches = IntStream.range(0, authors.size())
			.mapToObj(i -> "(SELECT message_id, pub_date FROM message WHERE author_id = :author" + i + " AND "
					+ OLDER_THAN_CURSOR + " LIMIT :limit)")
			.collect(Collectors.joining("\nUNION ALL\n"));
		var statement = jdbc.sql("""
				SELECT m.message_id, m.text, m.pub_date, u.username, u.email
				FROM (SELECT message_id FROM (%s) newest
				      ORDER BY pub_date DESC, message_id DESC
				      LIMIT :limit) page
				JOIN message m ON m.message_id = page.message_id
				JOIN users u ON u.user_id = m.author_id
				ORDER BY m.pub_date DESC, m.message_id DESC
				""".formatted(branches)).params(cursorParams(before, limit));
		for (int i = 0; i < authors.size(); i++) {
			statement = statement.param("author" + i, authors.get(i));
		}
		return statement.query(TimelineMessage.class).list();
	}

	private static Map<String, Object> cursorParams(Cursor before, int limit) {
		return Map.of("pubDate", before.pubDate(), "messageId", before.messageId(), "limit", limit);
	}

}
