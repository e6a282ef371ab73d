package org.minitwit.database;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** How the DB_READ_* variables make the replica's connection. */
class ReplicaPropertiesTests {

	private static final DatabaseProperties PRIMARY = new DatabaseProperties("primary.internal", 3307, "minitwit",
			"app", "secret", null, "sslMode=REQUIRED", Duration.ofSeconds(30));

	@Test
	void withoutAHostThereIsNoReplica() {
		assertThat(replica(null, null, null, null).isSet()).isFalse();
		assertThat(replica(" ", null, null, null).isSet()).isFalse();
	}

	@Test
	void theReplicaHasThePrimarysDatabasePortLoginAndSettingsUnlessSet() {
		var replica = replica("replica.internal", null, null, null).of(PRIMARY);

		assertThat(replica.jdbcUrl()).startsWith("jdbc:mysql://replica.internal:3307/minitwit?")
			.endsWith("&sslMode=REQUIRED");
		assertThat(replica.login()).isEqualTo("app");
		assertThat(replica.password()).isEqualTo("secret");
	}

	@Test
	void aPortAndLoginOfItsOwn() {
		var replica = replica("replica.internal", 3308, "reader", "").of(PRIMARY);

		assertThat(replica.jdbcUrl()).startsWith("jdbc:mysql://replica.internal:3308/minitwit?");
		assertThat(replica.login()).isEqualTo("reader");
		assertThat(replica.password()).isEmpty();
	}

	@Test
	void aLoginOfItsOwnReplacesThePrimarysSecret() {
		var withSecret = new DatabaseProperties("primary.internal", 3306, "minitwit", null, null, "rds!db-1", null,
				Duration.ofSeconds(30));

		assertThat(replica("replica.internal", null, null, null).of(withSecret).jdbcUrl())
			.startsWith("jdbc-secretsmanager:mysql://replica.internal:3306/");
		var own = replica("replica.internal", null, "reader", "pw").of(withSecret);
		assertThat(own.jdbcUrl()).startsWith("jdbc:mysql://");
		assertThat(own.login()).isEqualTo("reader");
	}

	@Test
	void aWriterIsPinnedLongerThanTheReplicaMayLagPlusAWholeCheck() {
		var properties = replica("replica.internal", null, null, null);

		assertThat(properties.pinWindow())
			.isGreaterThan(properties.maxLag().plus(properties.checkInterval()).plus(ReplicaProperties.CHECK_TIMEOUT));
	}

	private static ReplicaProperties replica(String host, Integer port, String user, String passwd) {
		return new ReplicaProperties(host, port, user, passwd, Duration.ofSeconds(2), Duration.ofSeconds(1));
	}

}
