package org.minitwit.session;

import java.sql.Connection;
import java.time.Duration;
import java.util.function.Supplier;

import javax.sql.DataSource;

import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.jdbc.datasource.ConnectionHolder;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.support.SimpleTransactionStatus;
import org.springframework.transaction.support.TransactionCallback;
import org.springframework.transaction.support.TransactionOperations;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * How Spring Session's statements reach the database. Its own JdbcTemplate is not reached
 * by {@code spring.jdbc.template.query-timeout}, so each statement gets its deadline
 * here, without which a request would wait on a locked session table for as long as the
 * database lets it.
 * <ul>
 * <li>A save writes the session row and its attributes together: a transaction of its
 * own, with the timeout. Two saves of one session at once, or a save beside the clean-up
 * of expired sessions, can deadlock in InnoDB, which rolls one back: that one is tried
 * again, so that a user who double-clicks never sees an error page for it.</li>
 * <li>A read is one SELECT and needs no transaction (around it, one costs three more
 * round trips on every request): it runs on a connection bound to the thread with the
 * same deadline, which Spring applies to each statement as it would in a
 * transaction.</li>
 * </ul>
 */
final class SessionTransactions implements TransactionOperations {

	private static final ThreadLocal<Boolean> reading = new ThreadLocal<>();

	private static final RetryTemplate AFTER_A_LOST_LOCK = new RetryTemplate(RetryPolicy.builder()
		.includes(PessimisticLockingFailureException.class)
		.maxRetries(2)
		.delay(Duration.ofMillis(10))
		.jitter(Duration.ofMillis(10))
		.build());

	private final DataSource dataSource;

	private final int timeoutSeconds;

	private final TransactionTemplate writes;

	SessionTransactions(DataSource dataSource, Duration timeout) {
		this.dataSource = dataSource;
		this.timeoutSeconds = Math.toIntExact(Math.max(1, timeout.toSeconds()));
		this.writes = new TransactionTemplate(new JdbcTransactionManager(dataSource));
		this.writes.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		this.writes.setTimeout(timeoutSeconds);
	}

	/**
	 * Runs a read of the session store: Spring Session's statements inside run without a
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
		return reading.get() != null ? timedRead(action) : AFTER_A_LOST_LOCK.invoke(() -> writes.execute(action));
	}

	private <T> T timedRead(TransactionCallback<T> action) {
		Connection connection = DataSourceUtils.getConnection(dataSource);
		var deadline = new ConnectionHolder(connection);
		deadline.setTimeoutInSeconds(timeoutSeconds);
		TransactionSynchronizationManager.bindResource(dataSource, deadline);
		try {
			return action.doInTransaction(new SimpleTransactionStatus(false));
		}
		finally {
			TransactionSynchronizationManager.unbindResource(dataSource);
			DataSourceUtils.releaseConnection(connection, dataSource);
		}
	}

}
