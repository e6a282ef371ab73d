package org.minitwit.system;

import org.springframework.dao.IncorrectUpdateSemanticsDataAccessException;

/** Checks on the row counts of writes, so that a write that did not happen never passes silently. */
public final class Rows {

	private Rows() {
	}

	public static void requireOne(int rows) {
		if (rows != 1) {
			throw new IncorrectUpdateSemanticsDataAccessException("Expected 1 row to change, but " + rows + " did");
		}
	}

	public static void requireAtMostOne(int rows) {
		if (rows > 1) {
			throw new IncorrectUpdateSemanticsDataAccessException("Expected at most 1 row to change, but " + rows + " did");
		}
	}

}
