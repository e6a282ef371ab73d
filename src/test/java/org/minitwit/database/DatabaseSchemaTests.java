package org.minitwit.database;

import java.sql.SQLException;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.minitwit.support.MiniTwitJdbcSlice;
import org.minitwit.support.MiniTwitTables;
import org.minitwit.support.UsesMySqlDatabase;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The schema the Flyway migrations build, and that each variant really runs where its
 * name says.
 */
@MiniTwitJdbcSlice
abstract class DatabaseSchemaTests {

	@Autowired
	JdbcClient jdbc;

	@Autowired
	DataSource dataSource;

	@Test
	void flywayAppliedEveryMigration() {
		// Rows without a version are Flyway's own bookkeeping, such as creating the
		// schema.
		var versions = jdbc.sql("""
				SELECT version FROM flyway_schema_history
				WHERE version IS NOT NULL AND success = TRUE
				ORDER BY installed_rank
				""").query(String.class).list();

		assertThat(versions).containsExactly("1", "2", "4", "6", "7");
	}

	@Test
	void everyMiniTwitTableExists() {
		assertThat(MiniTwitTables.in(jdbc)).usingElementComparator(String.CASE_INSENSITIVE_ORDER)
			.containsExactlyInAnyOrderElementsOf(MiniTwitTables.ALL);
	}

	@Test
	void runsOnTheDatabaseItsVariantNames() throws SQLException {
		try (var connection = dataSource.getConnection()) {
			String url = connection.getMetaData().getURL();
			if (MergedAnnotations.from(getClass()).isPresent(UsesMySqlDatabase.class)) {
				assertThat(url).startsWith("jdbc:mysql:");
				assertThat(connection.getCatalog()).startsWith("minitwit_test_");
			}
			else {
				assertThat(url).startsWith("jdbc:h2:mem:");
			}
		}
	}

}
