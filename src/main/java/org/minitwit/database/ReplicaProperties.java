package org.minitwit.database;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * A read replica of the shared database, as the environment names it:
 * {@code DB_READ_HOST}, {@code DB_READ_PORT}, {@code DB_READ_USER},
 * {@code DB_READ_PASSWD} bind here by relaxed binding. Without a host every statement
 * goes to {@code DB_HOST}. The database name is the primary's, as is the port, the login
 * and the password unless set here.
 *
 * @param maxLag how far behind the primary the replica may be and still answer reads
 * @param checkInterval how often the replica's lag is measured
 */
@ConfigurationProperties("db.read")
public record ReplicaProperties(String host, Integer port, String user, String passwd, Duration maxLag,
		Duration checkInterval) {

	/**
	 * {@code SHOW REPLICA STATUS} measures lag in whole seconds, so a replica reported
	 * within the bound may be up to this much further behind.
	 */
	private static final Duration ROUNDING = Duration.ofSeconds(1);

	/** The longest a lag check may take (its query timeout). */
	public static final Duration CHECK_TIMEOUT = Duration.ofSeconds(1);

	public boolean isSet() {
		return host != null && !host.isBlank();
	}

	/**
	 * How long a user's reads stay on the primary after their write was answered: at the
	 * end of it, the last check that let reads onto the replica saw it hold every write
	 * committed before the window began. A check sees the replica at most
	 * {@code checkInterval} plus its own timeout ago, and behind by at most
	 * {@code maxLag} plus the rounding of its measure.
	 */
	public Duration pinWindow() {
		return maxLag.plus(ROUNDING).plus(checkInterval).plus(CHECK_TIMEOUT);
	}

	/** The replica as a database of its own: the primary's settings, this host. */
	DatabaseProperties of(DatabaseProperties primary) {
		boolean ownLogin = user != null && !user.isBlank();
		return new DatabaseProperties(host, port == null ? primary.port() : port, primary.name(),
				ownLogin ? user : primary.user(), ownLogin ? passwd : primary.passwd(),
				ownLogin ? null : primary.secretId(), primary.jdbcProperties(), primary.startupWait());
	}

}
