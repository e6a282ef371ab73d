package org.minitwit.database;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The shared MySQL database as the environment names it: {@code DB_HOST},
 * {@code DB_PORT}, {@code DB_NAME}, {@code DB_USER}, {@code DB_PASSWD},
 * {@code DB_SECRET_ID}, {@code DB_JDBC_PROPERTIES} bind here by relaxed binding. Without
 * a host, MiniTwit runs on its embedded database.
 *
 * @param secretId an AWS Secrets Manager secret holding the user and password (as RDS
 * keeps them), read by the Secrets Manager JDBC driver in place of {@code DB_USER} and
 * {@code DB_PASSWD}, and read again when a login fails after the password was rotated;
 * the driver is on the class path of the AWS image only
 * @param jdbcProperties more Connector/J properties, {@code key=value&key=value}, added
 * to the JDBC URL (TLS settings, for one)
 * @param startupWait how long start-up waits for the database before giving up
 */
@ConfigurationProperties("db")
public record DatabaseProperties(String host, int port, String name, String user, String passwd, String secretId,
		String jdbcProperties, Duration startupWait) {

	/**
	 * How long a connection waits for the database to answer anything (see
	 * {@link #jdbcUrl()}).
	 */
	static final int SOCKET_TIMEOUT_MILLIS = 4000;

	/**
	 * Round trips the driver makes by default and a page does not need: asking the server
	 * for state it set itself (autocommit, isolation, whether a transaction is open),
	 * re-parsing the same few statements, and timing every call.
	 */
	private static final String ROUND_TRIPS_SAVED = "useLocalSessionState=true&useLocalTransactionState=true"
			+ "&elideSetAutoCommits=true&cachePrepStmts=true&prepStmtCacheSize=256&prepStmtCacheSqlLimit=4096"
			+ "&cacheServerConfiguration=true&maintainTimeStats=false";

	/** The AWS Secrets Manager JDBC driver's wrapper of Connector/J. */
	static final String SECRETS_MANAGER_DRIVER = "com.amazonaws.secretsmanager.sql.AWSSecretsManagerMySQLDriver";

	public boolean isShared() {
		return host != null && !host.isBlank();
	}

	boolean usesSecret() {
		return secretId != null && !secretId.isBlank();
	}

	/**
	 * The variables a shared database needs but the environment lacks; empty when
	 * complete.
	 */
	List<String> missingVariables() {
		List<String> missing = new ArrayList<>();
		if (name == null || name.isBlank()) {
			missing.add("DB_NAME");
		}
		if (usesSecret()) {
			return missing;
		}
		if (user == null || user.isBlank()) {
			missing.add("DB_USER");
		}
		// An empty password is a password (a local MariaDB's root has one); only an unset
		// one is missing.
		if (passwd == null) {
			missing.add("DB_PASSWD");
		}
		return missing;
	}

	/**
	 * With a socket timeout: a query timeout cancels a statement by asking the database
	 * to, so only the socket timeout ends a statement on a database that answers nothing
	 * at all (a hung host, a network that drops packets). Longer than the query timeout
	 * (2 s), so that a merely slow statement is cancelled and its connection kept.
	 * Migrations run without it (DatabaseConfig). With a secret, the Secrets Manager
	 * driver's scheme, which hands the URL on to Connector/J.
	 */
	String jdbcUrl() {
		String more = (jdbcProperties == null) ? "" : jdbcProperties.strip().replaceFirst("^[?&]+", "");
		return (usesSecret() ? "jdbc-secretsmanager" : "jdbc") + ":mysql://" + host + ":" + port + "/" + name
				+ "?characterEncoding=UTF-8&connectionTimeZone=UTC&connectTimeout=5000&socketTimeout="
				+ SOCKET_TIMEOUT_MILLIS + "&tcpKeepAlive=true&" + ROUND_TRIPS_SAVED
				+ (more.isEmpty() ? "" : "&" + more);
	}

	/** The user the driver is given: the secret's id, for the Secrets Manager driver. */
	String login() {
		return usesSecret() ? secretId : user;
	}

	/** The password the driver is given: none for the Secrets Manager driver. */
	String password() {
		return usesSecret() ? "" : passwd;
	}

	/** Where the database is, for logs and messages; never the password. */
	String describe() {
		return "MySQL database '" + name + "' at " + host + ":" + port
				+ (usesSecret() ? " as the user of secret '" + secretId + "'" : " as user '" + user + "'");
	}

	@Override
	public String toString() {
		return describe();
	}

}
