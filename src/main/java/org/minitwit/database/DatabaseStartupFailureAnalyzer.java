package org.minitwit.database;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns a database start-up failure into Spring Boot's short failure report instead of a
 * stack trace.
 */
class DatabaseStartupFailureAnalyzer extends AbstractFailureAnalyzer<DatabaseStartupException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, DatabaseStartupException cause) {
		return new FailureAnalysis(cause.getMessage(),
				"Set DB_HOST, DB_PORT, DB_NAME, DB_USER and DB_PASSWD for the shared MySQL database "
						+ "(see .env.example), or unset DB_HOST to use the embedded database.",
				cause);
	}

}
