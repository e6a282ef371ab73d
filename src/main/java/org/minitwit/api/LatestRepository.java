package org.minitwit.api;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import static org.minitwit.database.Rows.requireOneUpserted;

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

	/** What the protocol answers before any value was received. */
	static final long NONE = -1;

	long get() {
		return jdbc.sql("SELECT latest FROM latest WHERE id = 1").query(Long.class).optional().orElse(NONE);
	}

	void set(long latest) {
		requireOneUpserted(jdbc.sql("""
				INSERT INTO latest (id, latest) VALUES (1, :latest)
				ON DUPLICATE KEY UPDATE latest = :latest
				""").param("latest", latest).update());
	}

}
