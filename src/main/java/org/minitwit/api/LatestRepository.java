package org.minitwit.api;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import static org.minitwit.database.Rows.requireOne;

/**
 * The {@code latest} table: its one row, from the first value on, holds the last
 * {@code latest} value the simulator sent, shared by all instances.
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

	/**
	 * An update of the row, which exists after the first value: an upsert would count an
	 * unchanged row as no row changed on H2, and as one on MySQL. Two instances that
	 * receive the first value at once both try the insert; the one refused updates.
	 */
	void set(long latest) {
		if (update(latest) == 1) {
			return;
		}
		try {
			requireOne(
					jdbc.sql("INSERT INTO latest (id, latest) VALUES (1, :latest)").param("latest", latest).update());
		}
		catch (DuplicateKeyException inserted) {
			requireOne(update(latest));
		}
	}

	private int update(long latest) {
		return jdbc.sql("UPDATE latest SET latest = :latest WHERE id = 1").param("latest", latest).update();
	}

}
