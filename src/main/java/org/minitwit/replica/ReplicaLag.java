package org.minitwit.replica;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.minitwit.database.ReplicaProperties;

/**
 * Whether reads may go to the replica: measured on a schedule, not per request, so that a
 * request pays nothing for it. The replica is usable while both its replication threads
 * run and it is at most {@code maxLag} behind; a read that fails on it closes it until
 * the next check finds it well. Until the first check, reads go to the primary.
 */
final class ReplicaLag implements AutoCloseable {

	private static final Log log = LogFactory.getLog(ReplicaLag.class);

	private final DataSource replica;

	private final long maxLagSeconds;

	private final Duration interval;

	private final String description;

	private final ScheduledExecutorService schedule = Executors.newSingleThreadScheduledExecutor(task -> {
		var thread = new Thread(task, "replica-lag");
		thread.setDaemon(true);
		return thread;
	});

	private static final String NOT_CHECKED = "not checked yet";

	private volatile String refusal = NOT_CHECKED;

	ReplicaLag(DataSource replica, ReplicaProperties properties, String description, MeterRegistry meters) {
		this.replica = replica;
		this.maxLagSeconds = properties.maxLag().toSeconds();
		this.interval = properties.checkInterval();
		this.description = description;
		Gauge.builder("minitwit.replica.usable", this, lag -> lag.isUsable() ? 1 : 0)
			.description("1 while reads go to the read replica, 0 while they fall back to the primary")
			.register(meters);
	}

	void start() {
		schedule.scheduleWithFixedDelay(this::check, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
	}

	boolean isUsable() {
		return refusal == null;
	}

	/** A read failed on the replica: the primary answers until a check finds it well. */
	void failed(Throwable ex) {
		refuse("a read failed on it: " + ex);
	}

	void check() {
		try (var connection = replica.getConnection(); var statement = connection.createStatement()) {
			statement.setQueryTimeout(Math.toIntExact(ReplicaProperties.CHECK_TIMEOUT.toSeconds()));
			try (var status = statement.executeQuery("SHOW REPLICA STATUS")) {
				// A server that replicates without binary logs (an Aurora reader) has no
				// status to show; its lag is its engine's, far below a page's time.
				String problem = status.next() ? problem(status) : null;
				if (problem == null) {
					accept();
				}
				else {
					refuse(problem);
				}
			}
		}
		catch (SQLException | RuntimeException ex) {
			refuse("cannot check it: " + ex.getMessage());
		}
	}

	/**
	 * MariaDB names the columns after the master, MySQL 8.0.22 and later after the
	 * source.
	 */
	private String problem(ResultSet status) throws SQLException {
		String io = column(status, "Slave_IO_Running", "Replica_IO_Running");
		String sql = column(status, "Slave_SQL_Running", "Replica_SQL_Running");
		String lag = column(status, "Seconds_Behind_Master", "Seconds_Behind_Source");
		if (!"Yes".equals(io) || !"Yes".equals(sql)) {
			return "replication is not running (I/O thread: " + io + ", SQL thread: " + sql + ")";
		}
		if (lag == null || Long.parseLong(lag) > maxLagSeconds) {
			return "it is " + (lag == null ? "an unknown time" : lag + " s") + " behind";
		}
		return null;
	}

	private static String column(ResultSet status, String mariaDb, String mySql) throws SQLException {
		try {
			return status.getString(mariaDb);
		}
		catch (SQLException ex) {
			return status.getString(mySql);
		}
	}

	void accept() {
		if (refusal != null) {
			log.info("Reads go to the replica " + description + (refusal == NOT_CHECKED ? "" : " again"));
			refusal = null;
		}
	}

	void refuse(String why) {
		if (refusal == null || refusal == NOT_CHECKED) {
			log.warn("Reads go to the primary: the replica " + description + " is unusable, " + why);
		}
		refusal = why;
	}

	@Override
	public void close() {
		schedule.shutdownNow();
	}

}
