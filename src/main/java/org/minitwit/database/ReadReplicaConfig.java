package org.minitwit.database;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

/**
 * With {@code DB_READ_HOST}, the application's statements reach the database through
 * {@link ReadRouting}: the primary's pool as configured, and a pool of the same settings
 * for the replica. Spring Session keeps the primary's pool itself, so that a sign-in is
 * seen at once by every instance.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(OnReadReplica.class)
class ReadReplicaConfig {

	private static final Log log = LogFactory.getLog(ReadReplicaConfig.class);

	/**
	 * A replica that does not answer is left for the primary quickly: a read waits this
	 * long for a connection before the request is answered from the primary instead.
	 */
	private static final long CONNECTION_TIMEOUT_MILLIS = 500;

	@Bean
	@Primary
	ReadRouting readRouting(HikariDataSource dataSource, DatabaseProperties db, ReplicaProperties read) {
		if (!db.isShared()) {
			throw new DatabaseStartupException("DB_READ_HOST is set, but DB_HOST is not: a replica needs a primary.");
		}
		var replica = read.of(db);
		var config = new HikariConfig();
		dataSource.copyStateTo(config);
		config.setPoolName(dataSource.getPoolName() + "-replica");
		config.setDriverClassName(
				replica.usesSecret() ? DatabaseProperties.SECRETS_MANAGER_DRIVER : "com.mysql.cj.jdbc.Driver");
		config.setJdbcUrl(replica.jdbcUrl());
		config.setUsername(replica.login());
		config.setPassword(replica.password());
		// A write that reached it by mistake fails rather than diverging the replica.
		config.setReadOnly(true);
		config.setConnectionTimeout(CONNECTION_TIMEOUT_MILLIS);
		// The instance starts, and serves from the primary, while the replica is down.
		config.setInitializationFailTimeout(-1);
		log.info("Reading from the replica " + replica.describe() + " while it is at most " + read.maxLag().toMillis()
				+ " ms behind");
		return new ReadRouting(dataSource, new HikariDataSource(config), replica.describe());
	}

}
