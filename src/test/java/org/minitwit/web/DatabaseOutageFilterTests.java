package org.minitwit.web;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.List;

import com.mysql.cj.jdbc.exceptions.CommunicationsException;
import com.mysql.cj.jdbc.exceptions.MySQLTimeoutException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.support.SQLErrorCodeSQLExceptionTranslator;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.transaction.TransactionTimedOutException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which failures are the database's (the 503 page) and which are bugs (500), as MySQL's
 * driver and Spring raise them.
 */
class DatabaseOutageFilterTests {

	private static final SQLErrorCodeSQLExceptionTranslator MYSQL = new SQLErrorCodeSQLExceptionTranslator("MySQL");

	@ParameterizedTest(name = "{0}")
	@MethodSource
	void isDatabaseOutage(String what, Throwable failure, boolean outage) {
		assertThat(DatabaseOutageFilter.isDatabaseOutage(failure)).isEqualTo(outage);
	}

	static List<Arguments> isDatabaseOutage() {
		var lostConnection = new CommunicationsException("Communications link failure", new java.io.EOFException());
		var cancelledByTimeout = new MySQLTimeoutException("Statement cancelled due to timeout or client request");
		return List.of(Arguments.of("no connection from the pool in time",
				new CannotCreateTransactionException("x", new SQLTransientConnectionException("pool timeout")), true),
				Arguments.of("connection lost mid-statement, as Spring translates it",
						MYSQL.translate("select", "SELECT 1", lostConnection), true),
				Arguments.of("connection lost while committing",
						new TransactionSystemException("Could not commit JDBC transaction", lostConnection), true),
				Arguments.of("statement cancelled by the query timeout, as Spring translates it",
						MYSQL.translate("select", "SELECT 1", cancelledByTimeout), true),
				Arguments.of("lock wait timeout (1205), as Spring translates it",
						MYSQL.translate("update", "UPDATE x",
								new SQLException("Lock wait timeout exceeded", "HY000", 1205)),
						true),
				Arguments.of("rollback on a lost connection",
						new TransactionSystemException("JDBC rollback failed", new SQLException(
								"Communications link failure during rollback(). Transaction resolution unknown.",
								"08007", 0)),
						true),
				Arguments.of("rollback on a connection the pool has closed as broken",
						new TransactionSystemException("JDBC rollback failed",
								new SQLException("Connection is closed")),
						true),
				Arguments.of("transaction past its timeout", new TransactionTimedOutException("deadline passed"), true),
				Arguments.of("the same, wrapped in a servlet exception",
						new jakarta.servlet.ServletException(new TransactionTimedOutException("deadline passed")),
						true),
				Arguments.of("a duplicate key", new DuplicateKeyException("duplicate"), false),
				Arguments.of("bad SQL, as Spring translates it",
						MYSQL.translate("select", "SELEC 1", new SQLException("syntax", "42000", 1064)), false),
				Arguments.of("a bug", new IllegalStateException("bug"), false));
	}

}
