package org.minitwit.system;

import org.junit.jupiter.api.Test;
import org.minitwit.support.MiniTwitTables;
import org.minitwit.support.UsesMySqlDatabase;

import static org.assertj.core.api.Assertions.assertThat;

@UsesMySqlDatabase
class DatabaseSchemaMySqlTests extends DatabaseSchemaTests {

	@Test
	void everyMiniTwitTableStoresFullUnicode() {
		var collations = jdbc.sql("""
				SELECT table_collation FROM information_schema.tables
				WHERE table_schema = SCHEMA() AND table_name <> 'flyway_schema_history'
				""").query(String.class).list();

		assertThat(collations).hasSameSizeAs(MiniTwitTables.ALL).allSatisfy(collation -> assertThat(collation).startsWith("utf8mb4_"));
	}

}
