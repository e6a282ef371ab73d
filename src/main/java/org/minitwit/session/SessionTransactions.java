package org.minitwit.session;

import java.util.function.Supplier;

import org.springframework.transaction.TransactionException;
import org.springframework.transaction.support.SimpleTransactionStatus;
import org.springframework.transaction.support.TransactionCallback;
import org.springframework.transaction.support.TransactionOperations;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The transactions Spring Session runs its statements in. A save writes the session row
 * and its attributes together, so it keeps a transaction of its own, with a timeout:
 * Spring Session's own JdbcTemplate is not reached by
 * {@code spring.jdbc.template.query-timeout}, and without one a save would wait on a
 * locked session table for as long as the database lets it. A read is one SELECT and
 * needs no transaction: around it, one would cost three more round trips (autocommit off,
 * commit, autocommit on) on every request.
 */
final class SessionTransactions implements TransactionOperations {

	private static final ThreadLocal<Boolean> reading = new ThreadLocal<>();

	private final TransactionTemplate writes;

	SessionTransactions(TransactionTemplate writes) {
		this.writes = writes;
	}

	/**
	 * Runs a read of the session store: what Spring Session does inside runs without a
	 * transaction.
	 */
	static <T> T reading(Supplier<T> read) {
		reading.set(Boolean.TRUE);
		try {
			return read.get();
		}
		finally {
			reading.remove();
		}
	}

	@Override
	public <T> T execute(TransactionCallback<T> action) throws TransactionException {
		return reading.get() != null ? action.doInTransaction(new SimpleTransactionStatus(false))
				: writes.execute(action);
	}

}
