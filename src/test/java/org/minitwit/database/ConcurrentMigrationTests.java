package org.minitwit.database;

import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.minitwit.support.MySqlServer;
import org.minitwit.support.MySqlTestDatabase;
import org.minitwit.support.Race;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two instances started at once against one empty MySQL database must both come up:
 * Flyway's lock lets one migrate while the other waits. Each "instance" is the app's
 * datasource and Flyway, as initdb starts them but without clean, with a pool of its own;
 * MySQL's lock does not care that both live in one JVM.
 */
class ConcurrentMigrationTests {

	@Test
	void twoInstancesMigrateOneEmptyMySqlDatabaseAtOnce() throws Exception {
		try (var database = MySqlServer.require().createDatabase()) {
			var instances = Race.of(() -> startDataLayer(database), () -> startDataLayer(database));
			try {
				var jdbc = JdbcClient.create(instances.get(0).getBean(DataSource.class));
				var migrations = jdbc.sql("""
						SELECT version, success FROM flyway_schema_history
						WHERE version IS NOT NULL ORDER BY installed_rank
						""").query((rs, row) -> Map.entry(rs.getString("version"), rs.getBoolean("success"))).list();

				assertThat(migrations).containsExactly(Map.entry("1", true), Map.entry("2", true), Map.entry("4", true),
						Map.entry("6", true), Map.entry("7", true));
			}
			finally {
				instances.forEach(ConfigurableApplicationContext::close);
			}
		}
	}

	private static ConfigurableApplicationContext startDataLayer(MySqlTestDatabase database) {
		// As command-line arguments these outrank any DB_* variable of the shell running
		// the tests.
		List<String> arguments = database.springProperties()
			.entrySet()
			.stream()
			.map(property -> "--" + property.getKey() + "=" + property.getValue())
			.toList();
		return new SpringApplicationBuilder(InitDbCommand.Context.class).web(WebApplicationType.NONE)
			.logStartupInfo(false)
			.run(arguments.toArray(String[]::new));
	}

}
