package org.minitwit;

import java.sql.SQLException;
import java.util.ArrayList;

import org.junit.jupiter.api.Test;
import org.minitwit.support.MySqlServer;
import org.minitwit.support.UsesMySqlDatabase;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The database drops every connection of the instance (a restart, a failover, an idle
 * timeout on the server or a NAT on the way): the pool replaces them and the instance
 * serves on, without a restart of its own.
 */
@MiniTwitOverHttp
@UsesMySqlDatabase
class LostConnectionMySqlHttpTests {

	@Autowired
	private TestSite site;

	@Value("${db.name}")
	private String database;

	@Test
	void afterTheDatabaseDropsEveryConnectionTheNextRequestsSucceed() throws Exception {
		var browser = site.signedIn(site.user("Survivor"));
		assertThat(browser.get("/").status()).isEqualTo(200);

		assertThat(killConnectionsTo(database)).as("connections of the instance killed").isPositive();
		// Hikari trusts a connection used within the last 500 ms without checking it.
		Thread.sleep(600);

		for (int i = 0; i < 3; i++) {
			assertThat(browser.get("/").status()).isEqualTo(200);
			assertThat(browser.share("still here " + i).redirectTarget()).isEqualTo("/");
		}
		assertThat(browser.get("/").messages()).extracting(Page.Message::text).contains("still here 2");
	}

	private static int killConnectionsTo(String database) throws SQLException {
		try (var connection = MySqlServer.require().connect(""); var statement = connection.createStatement()) {
			var ids = new ArrayList<Long>();
			try (var rows = statement.executeQuery("SELECT ID FROM information_schema.PROCESSLIST WHERE DB = '"
					+ database + "' AND ID <> CONNECTION_ID()")) {
				while (rows.next()) {
					ids.add(rows.getLong(1));
				}
			}
			for (long id : ids) {
				statement.execute("KILL CONNECTION " + id);
			}
			return ids.size();
		}
	}

}
