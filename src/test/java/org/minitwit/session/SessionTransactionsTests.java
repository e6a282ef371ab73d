package org.minitwit.session;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DeadlockLoserDataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

class SessionTransactionsTests {

	private final Connection connection = mock();

	private final DataSource dataSource = mock();

	private final SessionTransactions transactions = new SessionTransactions(dataSource, Duration.ofSeconds(2));

	SessionTransactionsTests() throws SQLException {
		given(dataSource.getConnection()).willReturn(connection);
		given(connection.getAutoCommit()).willReturn(true);
	}

	@Test
	void aReadRunsWithoutATransactionButWithTheDeadline() throws SQLException {
		var statement = mock(PreparedStatement.class);
		given(connection.prepareStatement("SELECT 1")).willReturn(statement);

		SessionTransactions.reading(() -> transactions.execute(status -> {
			var jdbc = new JdbcTemplate(dataSource);
			return jdbc.execute("SELECT 1", (PreparedStatement ps) -> null);
		}));

		verify(statement).setQueryTimeout(2);
		verify(connection, never()).setAutoCommit(false);
		verify(connection, never()).commit();
		verify(connection).close();
	}

	@Test
	void aSaveThatLostADeadlockIsTriedAgainInANewTransaction() {
		var attempts = new AtomicInteger();

		String saved = transactions.execute(status -> {
			if (attempts.incrementAndGet() == 1) {
				throw new DeadlockLoserDataAccessException("Deadlock found", null);
			}
			return "saved";
		});

		assertThat(saved).isEqualTo("saved");
		assertThat(attempts).hasValue(2);
	}

	@Test
	void anyOtherFailureOfASaveIsNotTriedAgain() {
		var attempts = new AtomicInteger();

		assertThatExceptionOfType(DataIntegrityViolationException.class)
			.isThrownBy(() -> transactions.execute(status -> {
				attempts.incrementAndGet();
				throw new DataIntegrityViolationException("no");
			}));
		assertThat(attempts).hasValue(1);
	}

}
