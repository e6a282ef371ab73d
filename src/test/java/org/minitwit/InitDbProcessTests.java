package org.minitwit;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.minitwit.support.MiniTwitProcess;
import org.minitwit.support.MiniTwitTables;
import org.minitwit.support.MySqlServer;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.minitwit.support.MiniTwitTables.rows;

/**
 * {@code initdb} as an operator runs it: in a process of its own, twice, with data
 * written in between by plain JDBC, on the embedded database and on MySQL.
 */
class InitDbProcessTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(60);

	@TempDir
	Path workingDirectory;

	@Test
	void initdbEmptiesTheEmbeddedDatabaseUnderData() throws Exception {
		var app = MiniTwitProcess.in(workingDirectory);
		String url = "jdbc:h2:file:" + workingDirectory.resolve("data/minitwit") + ";MODE=MySQL;DATABASE_TO_LOWER=TRUE";

		assertInitdbRecreatesAnEmptySchema(app, () -> DriverManager.getConnection(url, "sa", ""),
				"Using the embedded database");
		assertThat(workingDirectory.resolve("data/minitwit.mv.db")).isRegularFile();
	}

	@Test
	void initdbEmptiesTheMySqlDatabaseOfTheDbVariables() throws Exception {
		try (var database = MySqlServer.require().createDatabase()) {
			var app = MiniTwitProcess.in(workingDirectory).env(database.environment());

			assertInitdbRecreatesAnEmptySchema(app, database::connect,
					"Using the MySQL database '" + database.name() + "'");
			assertThat(workingDirectory).as("no embedded database was created").isEmptyDirectory();
		}
	}

	private void assertInitdbRecreatesAnEmptySchema(MiniTwitProcess app, Database database, String databaseInUse)
			throws SQLException, IOException {
		assertInitialized(initdb(app), databaseInUse);
		try (var connection = database.connect()) {
			var jdbc = jdbc(connection);
			writeARowIntoEveryTable(jdbc);
			assertThat(MiniTwitTables.ALL).as("rows before")
				.allSatisfy(table -> assertThat(rows(jdbc, table)).as(table).isPositive());
		}

		assertInitialized(initdb(app), databaseInUse);

		try (var connection = database.connect()) {
			var jdbc = jdbc(connection);
			assertThat(MiniTwitTables.in(jdbc)).usingElementComparator(String.CASE_INSENSITIVE_ORDER)
				.containsExactlyInAnyOrderElementsOf(MiniTwitTables.ALL);
			assertThat(MiniTwitTables.ALL).as("rows after")
				.allSatisfy(table -> assertThat(rows(jdbc, table)).as(table).isZero());
		}
	}

	/**
	 * Runs initdb with the web server's port taken: a web server would fail to bind it
	 * and fail the command, so success proves none was started.
	 */
	private static MiniTwitProcess.Result initdb(MiniTwitProcess app) throws IOException {
		try (var taken = new ServerSocket(0)) {
			return app.run(TIMEOUT, "initdb", "--server.port=" + taken.getLocalPort());
		}
	}

	private static void assertInitialized(MiniTwitProcess.Result result, String databaseInUse) {
		assertThat(result.exitCode()).as(result.toString()).isZero();
		assertThat(result.stdout()).as(result.toString()).contains("Initialized the database.").contains(databaseInUse);
		assertThat(result.output()).as(result.toString()).doesNotContainIgnoringCase("tomcat");
	}

	private static void writeARowIntoEveryTable(JdbcClient jdbc) {
		jdbc.sql("""
				INSERT INTO users (username, username_key, email, pw_hash)
				VALUES ('Alice', 'alice', 'alice@example.org', 'hash'), ('Bob', 'bob', 'bob@example.org', 'hash')
				""").update();
		jdbc.sql("""
				INSERT INTO follower (who_id, whom_id)
				SELECT who.user_id, whom.user_id FROM users who, users whom
				WHERE who.username = 'Alice' AND whom.username = 'Bob'
				""").update();
		jdbc.sql(
				"INSERT INTO message (author_id, text, pub_date, flagged) SELECT user_id, 'hello', 1700000000, 0 FROM users")
			.update();
		jdbc.sql("""
				INSERT INTO SPRING_SESSION (primary_id, session_id, creation_time, last_access_time,
					max_inactive_interval, expiry_time, principal_name)
				VALUES ('11111111-1111-1111-1111-111111111111', '22222222-2222-2222-2222-222222222222', 0, 0, 1800,
					1800000, 'Alice')
				""").update();
		jdbc.sql("""
				INSERT INTO SPRING_SESSION_ATTRIBUTES (session_primary_id, attribute_name, attribute_bytes)
				VALUES ('11111111-1111-1111-1111-111111111111', 'flash', X'00')
				""").update();
		jdbc.sql("INSERT INTO sign_in_attempts (attempt_key, window_start, failures) VALUES (REPEAT('a', 64), 0, 1)")
			.update();
		jdbc.sql("INSERT INTO latest (id, latest) VALUES (1, 42)").update();
	}

	private static JdbcClient jdbc(Connection connection) {
		return JdbcClient.create(new SingleConnectionDataSource(connection, true));
	}

	/** Where the test reaches the database the process works on. */
	@FunctionalInterface
	private interface Database {

		Connection connect() throws SQLException;

	}

}
