package org.minitwit.support;

import java.util.List;
import java.util.Locale;

import org.springframework.jdbc.core.simple.JdbcClient;

/** The tables MiniTwit owns, as the database lists them (Flyway's own history table excluded). */
public final class MiniTwitTables {

	public static final List<String> ALL = List.of("users", "follower", "message", "spring_session",
			"spring_session_attributes");

	private MiniTwitTables() {
	}

	/** Every table of the current schema (H2) or database (MySQL) but Flyway's, lower-cased. */
	public static List<String> in(JdbcClient jdbc) {
		return jdbc.sql("""
				SELECT table_name FROM information_schema.tables
				WHERE table_schema = SCHEMA() AND table_type = 'BASE TABLE'
				""")
			.query(String.class)
			.list()
			.stream()
			.map(name -> name.toLowerCase(Locale.ROOT))
			.filter(name -> !name.equals("flyway_schema_history"))
			.toList();
	}

}
