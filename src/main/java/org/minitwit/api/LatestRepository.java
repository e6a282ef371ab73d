package org.minitwit.api;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import static org.minitwit.database.Rows.requireOne;

/**
 * The {@code latest} table: its one row holds the last {@code latest} value the simulator
 * sent, shared by all instances.
 */
@Repository
class LatestRepository {

	private final JdbcClient jdbc;

	LatestRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	long get() {
		return jdbc.sql("SELECT latest FROM latest WHERE id = 1").query(Long.class).single();
	}

	void set(long latest) {
		requireOne(jdbc.sql("UPDATE latest SET latest = :latest WHERE id = 1").param("latest", latest).update());
	}

}
