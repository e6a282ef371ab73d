package org.minitwit.database;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;
import org.springframework.boot.jdbc.DataSourceBuilder;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.session.jdbc.config.annotation.SpringSessionDataSource;

/**
 * The datasource: the shared MySQL database when {@code DB_HOST} is set, else the
 * embedded H2 database of {@code spring.datasource.url}. Pool settings come from
 * {@code spring.datasource.hikari}. With a read replica, {@link ReadReplicaConfig} routes
 * reads past it.
 */
@Configuration(proxyBeanMethods = false)
class DatabaseConfig {

	private static final Log log = LogFactory.getLog(DatabaseConfig.class);

	/**
	 * The primary's pool; also Spring Session's own, with or without a replica, so that a
	 * session is read where it was written.
	 */
	@Bean
	@SpringSessionDataSource
	@ConfigurationProperties("spring.datasource.hikari")
	HikariDataSource dataSource(DataSourceProperties embedded, DatabaseProperties db) {
		if (!db.isShared()) {
			log.info("Using the embedded database " + embedded.getUrl().replaceFirst(";.*", ""));
			return embedded.initializeDataSourceBuilder().type(HikariDataSource.class).build();
		}
		if (!db.missingVariables().isEmpty()) {
			throw new DatabaseStartupException("DB_HOST is set, but " + String.join(", ", db.missingVariables())
					+ (db.missingVariables().size() == 1 ? " is" : " are") + " not set.");
		}
		var builder = DataSourceBuilder.create().type(HikariDataSource.class);
		if (db.usesSecret()) {
			builder.driverClassName(secretsManagerDriver());
		}
		awaitReachable(db);
		log.info("Using the " + db.describe());
		return builder.url(db.jdbcUrl()).username(db.login()).password(db.password()).build();
	}

	/** Loaded, so that it registers with DriverManager; only the AWS image has it. */
	private static String secretsManagerDriver() {
		try {
			Class.forName(DatabaseProperties.SECRETS_MANAGER_DRIVER);
			return DatabaseProperties.SECRETS_MANAGER_DRIVER;
		}
		catch (ClassNotFoundException ex) {
			throw new DatabaseStartupException("DB_SECRET_ID is set, but the AWS Secrets Manager JDBC driver is not"
					+ " on the class path (the AWS image has it in /opt/minitwit/lib).");
		}
	}

	/**
	 * Waits up to {@code db.startup-wait} for the database to accept a connection, so
	 * that an instance started together with its database comes up, and one whose
	 * database never comes up says so in one line and exits instead of hanging.
	 */
	private static void awaitReachable(DatabaseProperties db) {
		long deadline = System.nanoTime() + db.startupWait().toNanos();
		boolean announced = false;
		while (true) {
			try (var connection = DriverManager.getConnection(db.jdbcUrl(), db.login(), db.password())) {
				return;
			}
			catch (SQLException ex) {
				if (isPermanent(ex) || System.nanoTime() > deadline) {
					throw new DatabaseStartupException("Cannot connect to the " + db.describe() + " (waited up to "
							+ format(db.startupWait()) + "): " + reason(ex));
				}
				if (!announced) {
					log.info("Waiting up to " + format(db.startupWait()) + " for the " + db.describe() + ": "
							+ reason(ex));
					announced = true;
				}
				sleepOneSecond();
			}
		}
	}

	/** Wrong credentials or an unknown database do not fix themselves by waiting. */
	private static boolean isPermanent(SQLException ex) {
		return "28000".equals(ex.getSQLState()) || ex.getErrorCode() == 1049;
	}

	/**
	 * The driver's first line ("Communications link failure" for most network faults) and
	 * the innermost cause, which tells an unknown host from a refused or timed-out
	 * connection.
	 */
	private static String reason(SQLException ex) {
		Throwable root = NestedExceptionUtils.getMostSpecificCause(ex);
		String reason = firstLine(ex.getMessage());
		return root == ex ? reason
				: reason + " (" + root.getClass().getSimpleName() + ": " + firstLine(root.getMessage()) + ")";
	}

	private static String firstLine(String message) {
		return message == null ? "" : message.lines().findFirst().orElse("");
	}

	private static String format(Duration duration) {
		return duration.toSeconds() + " s";
	}

	private static void sleepOneSecond() {
		try {
			Thread.sleep(1000);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new DatabaseStartupException("Interrupted while waiting for the database.");
		}
	}

	/**
	 * A migration may rightly run longer than the socket timeout of the shared database's
	 * connections (an index on a big table, say): Flyway's connections have none.
	 */
	@Bean
	FlywayConfigurationCustomizer migrationsWithoutSocketTimeout(DataSource dataSource, DatabaseProperties db) {
		return flyway -> {
			if (db.isShared()) {
				flyway.dataSource(new DelegatingDataSource(dataSource) {

					@Override
					public Connection getConnection() throws SQLException {
						Connection connection = super.getConnection();
						// the pool restores the driver's default when the connection
						// comes back
						connection.setNetworkTimeout(Runnable::run, 0);
						return connection;
					}

				});
			}
		};
	}

}
