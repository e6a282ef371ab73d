package org.minitwit.database;

/**
 * The database named by the environment cannot be used; the message says why, never the
 * password.
 */
class DatabaseStartupException extends RuntimeException {

	DatabaseStartupException(String message) {
		super(message);
	}

}
