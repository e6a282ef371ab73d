package org.minitwit.database;

import org.springframework.dao.IncorrectUpdateSemanticsDataAccessException;

/**
 * Checks on the row counts of writes, so that a write that did not happen never passes
 * silently.
 */
public final class Rows {

	private Rows() {
	}

	public static void requireOne(int rows) {
		if (rows != 1) {
			throw new IncorrectUpdateSemanticsDataAccessException("Expected 1 row to change, but " + rows + " did");
		}
	}

	/**
	 * For {@code INSERT ... ON DUPLICATE KEY UPDATE} of one row: MySQL counts an inserted
	 * row as 1 and an updated one as 2; H2 counts either as 1.
	 */
	public static void requireOneUpserted(int rows) {
		if (rows != 1 && rows != 2) {
			throw new IncorrectUpdateSemanticsDataAccessException(
					"Expected 1 row to be inserted or updated, but " + rows + " rows changed");
		}
	}

	public static void requireAtMostOne(int rows) {
		if (rows > 1) {
			throw new IncorrectUpdateSemanticsDataAccessException(
					"Expected at most 1 row to change, but " + rows + " did");
		}
	}

}
