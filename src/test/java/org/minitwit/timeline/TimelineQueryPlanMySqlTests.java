package org.minitwit.timeline;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.minitwit.follow.FollowerRepository;
import org.minitwit.follow.FollowerRepository.Profile;
import org.minitwit.support.MiniTwitJdbcSlice;
import org.minitwit.support.StatementCapture;
import org.minitwit.support.StatementCapture.Executed;
import org.minitwit.support.UsesMySqlDatabase;
import org.minitwit.user.User;
import org.minitwit.user.UserRepository;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Every timeline query, as the repositories run it, on MySQL/MariaDB with enough rows
 * that a bad plan shows: no table is scanned, nothing of {@code message} is sorted beyond
 * one page, and each query reads rows in proportion to the page (times the number of
 * authors of a timeline), never to the table. MariaDB otherwise picks plans for ORDER BY
 * ... LIMIT that are a thousand times slower. The statements are recorded from the
 * application's own JDBC access, so the SQL is the real one.
 */
@MiniTwitJdbcSlice
@UsesMySqlDatabase
@Import({ MessageRepository.class, UserRepository.class, FollowerRepository.class,
		TimelineQueryPlanMySqlTests.RecordedJdbc.class })
// The data is committed once for the class; EXPLAIN runs on connections of its own.
@Transactional(propagation = Propagation.NOT_SUPPORTED)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TimelineQueryPlanMySqlTests {

	private static final int AUTHORS = 200;

	private static final int MESSAGES = 20_000;

	private static final int PAGE_SIZE = 30;

	/**
	 * What the controller asks for: a page and one row to know whether an older page
	 * exists.
	 */
	private static final int LIMIT = PAGE_SIZE + 1;

	/**
	 * Authors the reader follows: the five most prolific (thousands of messages) and five
	 * with few.
	 */
	private static final long[] FOLLOWED = { 1, 2, 3, 4, 5, 60, 90, 120, 160, 199 };

	@Autowired
	MessageRepository messages;

	@Autowired
	UserRepository users;

	@Autowired
	FollowerRepository followers;

	@Autowired
	StatementCapture capture;

	@Autowired
	DataSource dataSource;

	User reader;

	@TestConfiguration(proxyBeanMethods = false)
	static class RecordedJdbc {

		@Bean
		StatementCapture statementCapture(DataSource dataSource) {
			return new StatementCapture(dataSource);
		}

		/** The repositories' JdbcClient, on the recording datasource. */
		@Bean
		JdbcClient jdbcClient(StatementCapture capture) {
			return JdbcClient.create(capture.dataSource());
		}

	}

	/**
	 * Authors Zipf-distributed (author1 writes about 1/6 of everything, author200 a few),
	 * one message in a hundred flagged, dates over a year in id order with pairs sharing
	 * a second; a reader who follows {@link #FOLLOWED}. Statistics are fresh, as the
	 * optimizer would have them in production.
	 */
	@BeforeAll
	void generateData() {
		var jdbc = JdbcClient.create(dataSource);
		for (int i = 1; i <= AUTHORS; i++) {
			jdbc.sql("INSERT INTO users (user_id, username, username_key, email, pw_hash) VALUES (?, ?, ?, ?, 'x')")
				.params(i, "author" + i, "author" + i, "author" + i + "@example.org")
				.update();
		}
		jdbc.sql("INSERT INTO users (user_id, username, username_key, email, pw_hash) VALUES (?, 'reader', 'reader', "
				+ "'reader@example.org', 'x')")
			.param(AUTHORS + 1)
			.update();
		reader = users.findByUsername("reader").orElseThrow();

		double[] cumulative = new double[AUTHORS];
		double sum = 0;
		for (int k = 1; k <= AUTHORS; k++) {
			sum += 1.0 / k;
			cumulative[k - 1] = sum;
		}
		var random = new Random(MESSAGES);
		int batch = 1000;
		for (int first = 0; first < MESSAGES; first += batch) {
			var values = new ArrayList<Object>();
			for (int i = first; i < first + batch; i++) {
				int slot = Arrays.binarySearch(cumulative, random.nextDouble() * sum);
				values.addAll(List.of(slot < 0 ? -slot : slot + 1, "message " + i, 1_700_000_000L + (i / 2) * 3_150L,
						i % 100 == 99 ? 1 : 0));
			}
			jdbc.sql("INSERT INTO message (author_id, text, pub_date, flagged) VALUES "
					+ String.join(", ", Collections.nCopies(batch, "(?, ?, ?, ?)")))
				.params(values)
				.update();
		}
		for (long whom : FOLLOWED) {
			followers.follow(reader.userId(), whom);
		}
		jdbc.sql("ANALYZE TABLE users, follower, message").query().listOfRows();
	}

	@Test
	void publicTimeline() {
		var first = pageChecked(() -> messages.publicTimeline(Cursor.START, LIMIT), 1);
		pageChecked(() -> messages.publicTimeline(first.next(), LIMIT), 1);
	}

	@Test
	void userTimelineOfTheMostProlificAuthor() {
		var author = users.findByUsername("author1").orElseThrow();
		var first = pageChecked(() -> messages.userTimeline(author, Cursor.START, LIMIT), 1);
		pageChecked(() -> messages.userTimeline(author, first.next(), LIMIT), 1);
	}

	@Test
	void userTimelineOfARareAuthor() {
		// The public index in date order, filtered by author, would give the right order
		// too, but
		// would read most of the table to find this author's few messages.
		var author = users.findByUsername("author150").orElseThrow();
		assertThat(checkedStatements(() -> messages.userTimeline(author, Cursor.START, LIMIT), 1)).isNotEmpty()
			.hasSizeLessThan(LIMIT);
	}

	@Test
	void userOfAUserPage() {
		assertThat(checkedStatements(() -> followers.findProfile("author1", reader.userId()), 1)).get()
			.extracting(Profile::followedByViewer)
			.isEqualTo(true);
		assertThat(checkedStatements(() -> followers.findProfile("author7", FollowerRepository.NOBODY), 1)).isPresent();
	}

	@Test
	void myTimelineWithSeveralFollowedAuthors() {
		int authors = FOLLOWED.length + 1;
		var first = pageChecked(() -> messages.myTimeline(reader.userId(), Cursor.START, LIMIT), authors);
		pageChecked(() -> messages.myTimeline(reader.userId(), first.next(), LIMIT), authors);
	}

	private TimelinePage pageChecked(Supplier<List<TimelineMessage>> query, int indexRanges) {
		var page = TimelinePage.of(checkedStatements(query, indexRanges), PAGE_SIZE);
		assertThat(page.messages()).as("a full page, so that a bad plan would have to show").hasSize(PAGE_SIZE);
		assertThat(page.next()).isNotNull();
		return page;
	}

	/**
	 * Runs the query, then checks each statement it executed: its plan, and the rows it
	 * reads.
	 * @param indexRanges how many index ranges the query reads a page from (one per
	 * author of a timeline of several authors)
	 */
	private <T> T checkedStatements(Supplier<T> query, int indexRanges) {
		var result = new ArrayList<T>(1);
		var executed = capture.during(() -> result.add(query.get()));
		assertThat(executed).as("statements executed").isNotEmpty();
		for (var statement : executed) {
			checkPlan(statement);
			checkRowsRead(statement, indexRanges);
		}
		return result.get(0);
	}

	/**
	 * One row of the tabular EXPLAIN, which MySQL 8 and MariaDB share (by column name).
	 */
	record PlanRow(String id, String table, String type, long rows, String extra) {

		boolean isBaseTable() {
			return table != null && !table.startsWith("<");
		}

		boolean sorts() {
			return extra.contains("filesort") || extra.contains("temporary");
		}

	}

	private void checkPlan(Executed statement) {
		var plan = explain(statement);
		String shown = "\n" + statement.sql() + "\nparameters " + statement.parameters() + "\n" + format(plan);
		for (var row : plan) {
			if (row.isBaseTable() && (row.type().equals("ALL") || row.type().equals("index"))) {
				fail("Full scan of %s (type %s):%s", row.table(), row.type(), shown);
			}
			if (row.isBaseTable() && row.extra().contains("filesort") && row.rows() > LIMIT) {
				fail("Sorts about %d rows of %s for a page of %d:%s", row.rows(), row.table(), LIMIT, shown);
			}
		}
		// A select that sorts its join result must read the whole join before the LIMIT
		// applies:
		// the tables joined to its first one are read once per row of it. (A UNION's
		// result row has
		// no id.)
		Map<String, List<PlanRow>> selects = plan.stream()
			.collect(Collectors.groupingBy(row -> String.valueOf(row.id()), LinkedHashMap::new, Collectors.toList()));
		for (var select : selects.values()) {
			if (!select.get(0).sorts()) {
				continue;
			}
			long fanOut = 1;
			for (var row : select) {
				fanOut *= Math.max(1, row.rows());
				if (row.isBaseTable() && row != select.get(0) && fanOut > LIMIT) {
					fail("Reads %s about %d times before sorting, for a page of %d:%s", row.table(), fanOut, LIMIT,
							shown);
				}
			}
		}
	}

	/**
	 * The rows the statement really reads (index entries and table rows, from the
	 * session's Handler_read_* counters), bounded by a small multiple of the page for
	 * each index range: reading a range, materializing it, sorting it, and joining one
	 * page of authors.
	 */
	private void checkRowsRead(Executed statement, int indexRanges) {
		long budget = 3L * indexRanges * LIMIT + 8L * LIMIT;
		try (var connection = dataSource.getConnection()) {
			// Reading the counters may count as reading rows (MySQL 8 reads them from a
			// table).
			long start = rowsRead(connection);
			long overhead = rowsRead(connection) - start;
			long before = rowsRead(connection);
			int returned = 0;
			try (var prepared = statement.prepare(connection, ""); var rows = prepared.executeQuery()) {
				while (rows.next()) {
					returned++;
				}
			}
			long read = rowsRead(connection) - before - overhead;
			assertThat(read).as("rows read, at least those returned (a query cache would hide the plan)")
				.isGreaterThanOrEqualTo(returned);
			if (read > budget) {
				fail("Reads %d rows for a page of %d (at most %d expected for %d index range(s)):%n%s%nparameters %s%n%s",
						read, LIMIT, budget, indexRanges, statement.sql(), statement.parameters(),
						format(explain(statement)));
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static long rowsRead(Connection connection) throws SQLException {
		long sum = 0;
		try (var status = connection.createStatement();
				var rows = status.executeQuery("SHOW SESSION STATUS LIKE 'Handler_read%'")) {
			while (rows.next()) {
				sum += rows.getLong(2);
			}
		}
		return sum;
	}

	private List<PlanRow> explain(Executed statement) {
		try (var connection = dataSource.getConnection();
				var prepared = statement.prepare(connection, "EXPLAIN ");
				var rows = prepared.executeQuery()) {
			var plan = new ArrayList<PlanRow>();
			while (rows.next()) {
				plan.add(new PlanRow(rows.getString("id"), rows.getString("table"),
						String.valueOf(rows.getString("type")), rows.getLong("rows"),
						String.valueOf(rows.getString("Extra"))));
			}
			return plan;
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String format(List<PlanRow> plan) {
		return plan.stream()
			.map(row -> "  id %s  %-12s %-7s rows %-8d %s".formatted(row.id(), row.table(), row.type(), row.rows(),
					row.extra()))
			.collect(Collectors.joining("\n"));
	}

}
