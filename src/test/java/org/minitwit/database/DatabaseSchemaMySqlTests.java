package org.minitwit.database;

import java.sql.SQLException;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.minitwit.support.MiniTwitTables;
import org.minitwit.support.UsesMySqlDatabase;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;

import static org.assertj.core.api.Assertions.assertThat;

@UsesMySqlDatabase
class DatabaseSchemaMySqlTests extends DatabaseSchemaTests {

	@Autowired
	@Qualifier("migrationsWithoutSocketTimeout")
	FlywayConfigurationCustomizer migrationsWithoutSocketTimeout;

	/**
	 * A statement of a request gives up on a silent database after 4 s; a migration may
	 * take longer.
	 */
	@Test
	void migrationsRunWithoutTheSocketTimeoutOfEveryOtherConnection() throws SQLException {
		var flyway = Flyway.configure();
		migrationsWithoutSocketTimeout.customize(flyway);

		try (var pooled = dataSource.getConnection()) {
			assertThat(pooled.getNetworkTimeout()).isEqualTo(DatabaseProperties.SOCKET_TIMEOUT_MILLIS);
		}
		try (var migrating = flyway.getDataSource().getConnection()) {
			assertThat(migrating.getNetworkTimeout()).isZero();
		}
		try (var pooled = dataSource.getConnection()) {
			assertThat(pooled.getNetworkTimeout()).as("back in the pool, restored")
				.isEqualTo(DatabaseProperties.SOCKET_TIMEOUT_MILLIS);
		}
	}

	@Test
	void everyMiniTwitTableStoresFullUnicode() {
		var collations = jdbc.sql("""
				SELECT table_collation FROM information_schema.tables
				WHERE table_schema = SCHEMA() AND table_name <> 'flyway_schema_history'
				""").query(String.class).list();

		assertThat(collations).hasSameSizeAs(MiniTwitTables.ALL)
			.allSatisfy(collation -> assertThat(collation).startsWith("utf8mb4_"));
	}

}
