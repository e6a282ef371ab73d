package org.minitwit.api;

/** The {@code ?no=} of the lists: how many entries to answer at most. */
final class Count {

	static final int DEFAULT = 100;

	static final int MAX = 10_000;

	private Count() {
	}

	/** A value that is not a positive integer falls back to the default. */
	static int of(String no) {
		if (no == null) {
			return DEFAULT;
		}
		try {
			int count = Integer.parseInt(no.strip());
			return count > 0 ? Math.min(count, MAX) : DEFAULT;
		}
		catch (NumberFormatException notAnInteger) {
			// A positive integer too large for an int is still a positive integer.
			return no.strip().matches("\\+?\\d+") ? MAX : DEFAULT;
		}
	}

}
