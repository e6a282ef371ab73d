package org.minitwit.support;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;

/** One database of its own on the MySQL test server, dropped on {@link #close()}. */
public record MySqlTestDatabase(MySqlServer server, String name) implements AutoCloseable {

	public Connection connect() throws SQLException {
		return server.connect(name);
	}

	/** The app's {@code DB_*} environment variables that select this database. */
	public Map<String, String> environment() {
		return Map.of("DB_HOST", server.host(), "DB_PORT", String.valueOf(server.port()), "DB_NAME", name, "DB_USER",
				server.user(), "DB_PASSWD", server.passwd());
	}

	/** The same as the Spring properties they bind to ({@code DatabaseProperties}). */
	public Map<String, Object> springProperties() {
		return Map.of("db.host", server.host(), "db.port", server.port(), "db.name", name, "db.user", server.user(),
				"db.passwd", server.passwd());
	}

	@Override
	public void close() {
		try (var connection = server.connect(""); var statement = connection.createStatement()) {
			statement.execute("DROP DATABASE IF EXISTS " + name);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Cannot drop the test database " + name, ex);
		}
	}

}
