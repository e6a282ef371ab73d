package org.minitwit.timeline;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.minitwit.follow.FollowerRepository;
import org.minitwit.user.User;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import static org.minitwit.database.Rows.requireOne;

/**
 * The {@code message} table and the three timeline queries. Each query reads the page of
 * message ids from an index first and joins the authors afterwards, so the database never
 * joins or sorts more than a page of rows (MariaDB otherwise picks a plan that walks
 * every user). TimelineQueryPlanMySqlTests checks their plans.
 */
@Repository
public class MessageRepository {

	/** Messages strictly older than the cursor, in timeline order. */
	private static final String OLDER_THAN_CURSOR = """
			flagged = 0 AND (pub_date < :pubDate OR (pub_date = :pubDate AND message_id < :messageId))
			ORDER BY pub_date DESC, message_id DESC
			""";

	/**
	 * Maps by position, as the timeline queries select: JdbcClient's mapping by property
	 * name resolves constructor parameters and converters for every row, a few percent of
	 * a page's CPU.
	 */
	private static final RowMapper<TimelineMessage> TIMELINE_MESSAGE = (rs, row) -> new TimelineMessage(rs.getLong(1),
			rs.getString(2), rs.getLong(3), rs.getString(4), rs.getString(5));

	/**
	 * The longest message, in characters (code points), on the pages and in the API
	 * alike.
	 */
	public static final int MAX_TEXT_LENGTH = 1000;

	/** What a writer is told about a message over {@link #MAX_TEXT_LENGTH}. */
	public static final String TOO_LONG = "Your message can have at most " + MAX_TEXT_LENGTH + " characters";

	public static boolean isTooLong(String text) {
		return text.codePointCount(0, text.length()) > MAX_TEXT_LENGTH;
	}

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
	public List<TimelineMessage> publicTimeline(Cursor before, int limit) {
		return jdbc.sql("""
				SELECT m.message_id, m.text, m.pub_date, u.username, u.email
				FROM (SELECT message_id FROM message
				      WHERE %s
				      LIMIT :limit) page
				JOIN message m ON m.message_id = page.message_id
				JOIN users u ON u.user_id = m.author_id
				ORDER BY m.pub_date DESC, m.message_id DESC
				""".formatted(OLDER_THAN_CURSOR)).params(cursorParams(before, limit)).query(TIMELINE_MESSAGE).list();
	}

	/** One author's messages; the author is known, so no join. */
	public List<TimelineMessage> userTimeline(User author, Cursor before, int limit) {
		return jdbc.sql("""
				SELECT message_id, text, pub_date
				FROM message
				WHERE author_id = :authorId AND %s
				LIMIT :limit
				""".formatted(OLDER_THAN_CURSOR))
			.params(cursorParams(before, limit))
			.param("authorId", author.userId())
			.query((rs, row) -> new TimelineMessage(rs.getLong(1), rs.getString(2), rs.getLong(3), author.username(),
					author.email()))
			.list();
	}

	/**
	 * A signed-in user's timeline: their own messages and those of the users they follow.
	 * The page is merged from each author's newest messages (see {@link #newestOf}),
	 * which costs a query block per author; MariaDB spends most of that optimizing the
	 * blocks, ~50 us each, so the first page, which nearly every visit shows, first
	 * narrows the authors down (see {@link #firstPageBounds}). Older pages merge all
	 * authors.
	 */
	List<TimelineMessage> myTimeline(long userId, Cursor before, int limit) {
		if (!before.equals(Cursor.START)) {
			var authors = jdbc.sql(FollowerRepository.TIMELINE_AUTHORS)
				.param("userId", userId)
				.query((rs, row) -> rs.getLong(1))
				.list();
			return newestOf(authors, OLDER_THAN_CURSOR, cursorParams(before, limit));
		}
		var bounds = firstPageBounds(userId, limit);
		long since = bounds.stream()
			.filter(author -> author.pageEnd() != null)
			.mapToLong(AuthorBounds::pageEnd)
			.max()
			.orElse(Long.MIN_VALUE);
		var authors = bounds.stream()
			.filter(author -> author.newest() != null && author.newest() >= since)
			.map(AuthorBounds::authorId)
			.toList();
		return authors.isEmpty() ? List.of() : newestOf(authors, """
				flagged = 0 AND pub_date >= :since
				ORDER BY pub_date DESC, message_id DESC
				""", Map.of("since", since, "limit", limit));
	}

	/** How many of a first page's authors, those who wrote last, bound it. */
	private static final int BOUNDING_AUTHORS = 3;

	/** An author's newest date and {@code limit}-th newest; null if none or not read. */
	private record AuthorBounds(long authorId, Long newest, Long pageEnd) {
	}

	/**
	 * For each author of a first page (the user and whom they follow): the date of their
	 * newest message and, for the {@value #BOUNDING_AUTHORS} who wrote last, of their
	 * {@code limit}-th newest. An author with {@code limit} messages since a date puts
	 * the page's oldest message at that date or later, so the latest such date bounds the
	 * page, and an author with nothing since then has nothing on it. Those who wrote last
	 * usually give the tightest bound; asking every author would walk a page of index
	 * entries each. The correlated subqueries are optimized once and run per author from
	 * the author index's newest end, a fraction of a query block each.
	 */
	private List<AuthorBounds> firstPageBounds(long userId, int limit) {
		return jdbc.sql("""
				SELECT n.author_id, n.newest,
				       CASE WHEN n.recency <= :boundingAuthors THEN
				         (SELECT x.pub_date FROM message x
				          WHERE x.author_id = n.author_id AND x.flagged = 0
				          ORDER BY x.pub_date DESC, x.message_id DESC
				          LIMIT 1 OFFSET :offset)
				       END AS page_end
				FROM (SELECT a.author_id, a.newest, ROW_NUMBER() OVER (ORDER BY a.newest DESC) AS recency
				      FROM (SELECT f.author_id,
				                   (SELECT x.pub_date FROM message x
				                    WHERE x.author_id = f.author_id AND x.flagged = 0
				                    ORDER BY x.pub_date DESC, x.message_id DESC
				                    LIMIT 1) AS newest
				            FROM (%s) f) a) n
				""".formatted(FollowerRepository.TIMELINE_AUTHORS))
			.param("userId", userId)
			.param("boundingAuthors", BOUNDING_AUTHORS)
			.param("offset", limit - 1)
			.query((rs, row) -> new AuthorBounds(rs.getLong(1), rs.getObject(2, Long.class),
					rs.getObject(3, Long.class)))
			.list();
	}

	/**
	 * The newest messages of several authors that meet the condition (which ends in the
	 * timeline order). Each author's page of (id, date) comes from the author index
	 * alone, one branch of a UNION ALL each; those few index entries are merged and cut
	 * to one page before any message row or author is read, so the cost is a page of
	 * index entries per author plus one page of rows, however many messages the authors
	 * have written.
	 */
	private List<TimelineMessage> newestOf(List<Long> authors, String condition, Map<String, Object> params) {
		String branches = IntStream.range(0, authors.size())
			.mapToObj(i -> "(SELECT message_id, pub_date FROM message WHERE author_id = :author" + i + " AND "
					+ condition + " LIMIT :limit)")
			.collect(Collectors.joining("\nUNION ALL\n"));
		var statement = jdbc.sql("""
				SELECT m.message_id, m.text, m.pub_date, u.username, u.email
				FROM (SELECT message_id FROM (%s) newest
				      ORDER BY pub_date DESC, message_id DESC
				      LIMIT :limit) page
				JOIN message m ON m.message_id = page.message_id
				JOIN users u ON u.user_id = m.author_id
				ORDER BY m.pub_date DESC, m.message_id DESC
				""".formatted(branches)).params(params);
		for (int i = 0; i < authors.size(); i++) {
			statement = statement.param("author" + i, authors.get(i));
		}
		return statement.query(TIMELINE_MESSAGE).list();
	}

	private static Map<String, Object> cursorParams(Cursor before, int limit) {
		return Map.of("pubDate", before.pubDate(), "messageId", before.messageId(), "limit", limit);
	}

}
