package org.minitwit.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Assumptions;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.mysql.MySQLContainer;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * The MySQL-compatible server the MySQL variants of the tests run against: the one named
 * by {@code MINITWIT_TEST_DB_HOST} (with {@code MINITWIT_TEST_DB_PORT},
 * {@code MINITWIT_TEST_DB_USER}, {@code MINITWIT_TEST_DB_PASSWD}), else a
 * {@code mysql:8.4} Testcontainer where Docker runs. Without either the tests are
 * skipped, except on CI ({@code CI=true}), where they fail.
 */
public record MySqlServer(String host, int port, String user, String passwd) {

	static final String IMAGE = "mysql:8.4";

	private static final String UNAVAILABLE = "No MySQL-compatible database: MINITWIT_TEST_DB_HOST is unset and Docker "
			+ "is not available for a " + IMAGE
			+ " Testcontainer. Set MINITWIT_TEST_DB_HOST (and MINITWIT_TEST_DB_PORT, "
			+ "MINITWIT_TEST_DB_USER, MINITWIT_TEST_DB_PASSWD) to run the MySQL tests on a server of your own.";

	private static Boolean dockerAvailable;

	private static MySqlServer server;

	private static boolean reachable;

	/**
	 * Why the MySQL tests cannot run here and are skipped; empty where they must run (on
	 * CI they always must).
	 */
	static synchronized Optional<String> skipReason() {
		if (externalHost() != null || isDockerAvailable() || "true".equalsIgnoreCase(System.getenv("CI"))) {
			return Optional.empty();
		}
		return Optional.of(UNAVAILABLE);
	}

	/**
	 * The server, checked to accept connections; skips the calling test where there is
	 * none. Call it where a skip or a failure is reported as such: a test or a JUnit
	 * callback, not inside a Spring context, which turns both into "failed to load
	 * ApplicationContext".
	 */
	public static synchronized MySqlServer require() {
		skipReason().ifPresent(Assumptions::abort);
		if (server == null) {
			server = locate();
		}
		if (!reachable) {
			server.checkReachable();
			reachable = true;
		}
		return server;
	}

	private static MySqlServer locate() {
		String host = externalHost();
		if (host != null) {
			return new MySqlServer(host, Integer.parseInt(env("MINITWIT_TEST_DB_PORT", "3306")),
					env("MINITWIT_TEST_DB_USER", "root"), env("MINITWIT_TEST_DB_PASSWD", ""));
		}
		if (isDockerAvailable()) {
			return startContainer();
		}
		return fail(UNAVAILABLE + " On CI (CI=true) the MySQL tests must run.");
	}

	private static String externalHost() {
		String host = System.getenv("MINITWIT_TEST_DB_HOST");
		return host == null || host.isBlank() ? null : host;
	}

	private static boolean isDockerAvailable() {
		if (dockerAvailable == null) {
			dockerAvailable = DockerClientFactory.instance().isDockerAvailable();
		}
		return dockerAvailable;
	}

	private static String env(String name, String fallback) {
		String value = System.getenv(name);
		return value == null ? fallback : value;
	}

	/**
	 * One container for the whole test run; Testcontainers removes it when the JVM exits.
	 */
	@SuppressWarnings("resource")
	private static MySqlServer startContainer() {
		var container = new MySQLContainer(IMAGE).withUsername("root").withPassword("test");
		container.start();
		return new MySqlServer(container.getHost(), container.getMappedPort(MySQLContainer.MYSQL_PORT), "root", "test");
	}

	private void checkReachable() {
		try (var connection = connect("")) {
			connection.isValid(5);
		}
		catch (SQLException ex) {
			fail("Cannot connect to the MySQL test server at " + host + ":" + port + " as user '" + user + "': "
					+ ex.getMessage(), ex);
		}
	}

	public String jdbcUrl(String database) {
		return "jdbc:mysql://" + host + ":" + port + "/" + database
				+ "?characterEncoding=UTF-8&connectionTimeZone=UTC&connectTimeout=5000";
	}

	public Connection connect(String database) throws SQLException {
		return DriverManager.getConnection(jdbcUrl(database), user, passwd);
	}

	/** A new, empty utf8mb4 database with a name of its own; close it to drop it. */
	public MySqlTestDatabase createDatabase() {
		String name = "minitwit_test_" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
		try (var connection = connect(""); var statement = connection.createStatement()) {
			statement.execute("CREATE DATABASE " + name + " CHARACTER SET utf8mb4");
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Cannot create the test database " + name + " on " + host + ":" + port, ex);
		}
		return new MySqlTestDatabase(this, name);
	}

}
