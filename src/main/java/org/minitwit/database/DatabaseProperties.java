package org.minitwit.database;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The shared MySQL database as the environment names it: {@code DB_HOST},
 * {@code DB_PORT}, {@code DB_NAME}, {@code DB_USER}, {@code DB_PASSWD} bind here by
 * relaxed binding. Without a host, MiniTwit runs on its embedded database.
 *
 * @param startupWait how long start-up waits for the database before giving up
 */
@ConfigurationProperties("db")
public record DatabaseProperties(String host, int port, String name, String user, String passwd, Duration startupWait) {

	/**
	 * How long a connection waits for the database to answer anything (see
	 * {@link #jdbcUrl()}).
	 */
	static final int SOCKET_TIMEOUT_MILLIS = 4000;

	public boolean isShared() {
		return host != null && !host.isBlank();
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
	 * Migrations run without it (DatabaseConfig).
	 */
	String jdbcUrl() {
		return "jdbc:mysql://" + host + ":" + port + "/" + name
				+ "?characterEncoding=UTF-8&connectionTimeZone=UTC&connectTimeout=5000&socketTimeout="
				+ SOCKET_TIMEOUT_MILLIS + "&tcpKeepAlive=true";
	}

	/** Where the database is, for logs and messages; never the password. */
	String describe() {
		return "MySQL database '" + name + "' at " + host + ":" + port + " as user '" + user + "'";
	}

	@Override
	public String toString() {
		return describe();
	}

}
