package org.minitwit.support;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.fail;

/**
 * Two {@link PrivateMariaDb} servers, the second a GTID replica of the first, as an RDS
 * read replica is of its primary: binary logs on both, server ids of their own, and the
 * replica following the primary from its first transaction. A database created on the
 * primary afterwards is created on the replica too.
 */
public final class MariaDbReplication implements AutoCloseable {

	private final PrivateMariaDb primary;

	private final PrivateMariaDb replica;

	private MariaDbReplication(PrivateMariaDb primary, PrivateMariaDb replica) {
		this.primary = primary;
		this.replica = replica;
	}

	/** Skips the calling test where the server binary is missing, as PrivateMariaDb. */
	public static MariaDbReplication start() {
		var primary = PrivateMariaDb.start(List.of("--server-id=1", "--log-bin=binlog", "--binlog-format=ROW"));
		PrivateMariaDb replica = null;
		try {
			replica = PrivateMariaDb.start(List.of("--server-id=2", "--log-bin=binlog", "--binlog-format=ROW"));
			try (Connection connection = replica.connect(""); var statement = connection.createStatement()) {
				statement.execute("CHANGE MASTER TO MASTER_HOST='127.0.0.1', MASTER_PORT=" + primary.port()
						+ ", MASTER_USER='root', MASTER_PASSWORD='', MASTER_USE_GTID=slave_pos,"
						+ " MASTER_CONNECT_RETRY=1");
				statement.execute("START SLAVE");
			}
			var replication = new MariaDbReplication(primary, replica);
			replication.awaitCaughtUp(Duration.ofSeconds(30));
			return replication;
		}
		catch (SQLException ex) {
			closeBoth(primary, replica);
			throw new IllegalStateException(ex);
		}
		catch (RuntimeException | Error ex) {
			closeBoth(primary, replica);
			throw ex;
		}
	}

	public PrivateMariaDb primary() {
		return primary;
	}

	public PrivateMariaDb replica() {
		return replica;
	}

	/** The replica stops applying what it receives: it falls behind without end. */
	public void stopApplying() {
		onReplica("STOP SLAVE SQL_THREAD");
	}

	public void startApplying() {
		onReplica("START SLAVE SQL_THREAD");
	}

	/**
	 * Waits until the replica has applied everything the primary has logged so far.
	 */
	public void awaitCaughtUp(Duration timeout) {
		try (Connection onPrimary = primary.connect(""); Connection onReplica = replica.connect("")) {
			String position = single(onPrimary, "SELECT @@gtid_binlog_pos");
			try (var wait = onReplica.prepareStatement("SELECT MASTER_GTID_WAIT(?, ?)")) {
				wait.setString(1, position);
				wait.setDouble(2, timeout.toMillis() / 1000.0);
				try (var result = wait.executeQuery()) {
					result.next();
					if (result.getInt(1) != 0) {
						fail("the replica did not reach " + position + " within " + timeout + ":\n"
								+ replica.errorLog());
					}
				}
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Reads on the replica so far (SELECT statements the server has run). */
	public long selectsOnReplica() {
		try (Connection connection = replica.connect("")) {
			try (var statement = connection.createStatement();
					var rows = statement.executeQuery("SHOW GLOBAL STATUS LIKE 'Com_select'")) {
				rows.next();
				return rows.getLong(2);
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private void onReplica(String sql) {
		try (Connection connection = replica.connect(""); var statement = connection.createStatement()) {
			statement.execute(sql);
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static void closeBoth(PrivateMariaDb primary, PrivateMariaDb replica) {
		primary.close();
		if (replica != null) {
			replica.close();
		}
	}

	private static String single(Connection connection, String sql) throws SQLException {
		try (var statement = connection.createStatement(); var rows = statement.executeQuery(sql)) {
			rows.next();
			return rows.getString(1);
		}
	}

	@Override
	public void close() {
		try {
			replica.close();
		}
		finally {
			primary.close();
		}
	}

}
