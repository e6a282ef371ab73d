package org.minitwit.support;

import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The tables MiniTwit owns, named as the migrations create them, which works in SQL on H2
 * and MySQL.
 */
public final class MiniTwitTables {

	public static final List<String> ALL = List.of("users", "follower", "message", "SPRING_SESSION",
			"SPRING_SESSION_ATTRIBUTES", "sign_in_attempts", "latest");

	private MiniTwitTables() {
	}

	/**
	 * Every table of the current schema (H2) or database (MySQL) but Flyway's history, as
	 * the database names it: lower case on H2 (DATABASE_TO_LOWER), as created on MySQL.
	 */
	public static List<String> in(JdbcClient jdbc) {
		return jdbc.sql("""
				SELECT table_name FROM information_schema.tables
				WHERE table_schema = SCHEMA() AND table_type = 'BASE TABLE'
				""")
			.query(String.class)
			.list()
			.stream()
			.filter(name -> !name.equalsIgnoreCase("flyway_schema_history"))
			.toList();
	}

	public static int rows(JdbcClient jdbc, String table) {
		return jdbc.sql("SELECT COUNT(*) FROM " + table).query(Integer.class).single();
	}

}
