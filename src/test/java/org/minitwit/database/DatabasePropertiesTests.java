package org.minitwit.database;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** How the DB_* variables make the JDBC URL and the login. */
class DatabasePropertiesTests {

	private static final String TRUST_STORE = "sslMode=VERIFY_IDENTITY&trustCertificateKeyStoreUrl=file:/opt/minitwit/rds-truststore.p12"
			+ "&trustCertificateKeyStoreType=PKCS12";

	@Test
	void extraJdbcPropertiesAreAppendedToTheUrl() {
		String url = database("minitwit", "secret", null, TRUST_STORE).jdbcUrl();

		assertThat(url).startsWith("jdbc:mysql://db.example.internal:3306/minitwit?characterEncoding=UTF-8&")
			.contains("&socketTimeout=4000&")
			.endsWith("&maintainTimeStats=false&" + TRUST_STORE);
	}

	@Test
	void aLeadingSeparatorOrNoPropertiesAtAllAreFine() {
		assertThat(database("minitwit", "secret", null, "?sslMode=REQUIRED").jdbcUrl())
			.endsWith("&maintainTimeStats=false&sslMode=REQUIRED");
		assertThat(database("minitwit", "secret", null, "&sslMode=REQUIRED").jdbcUrl())
			.endsWith("&maintainTimeStats=false&sslMode=REQUIRED");
		assertThat(database("minitwit", "secret", null, " ").jdbcUrl()).endsWith("&maintainTimeStats=false");
		assertThat(database("minitwit", "secret", null, null).jdbcUrl()).endsWith("&maintainTimeStats=false");
	}

	@Test
	void withoutASecretTheUserAndPasswordLogIn() {
		var db = database("minitwit", "secret", null, null);

		assertThat(db.login()).isEqualTo("minitwit");
		assertThat(db.password()).isEqualTo("secret");
		assertThat(db.describe()).isEqualTo("MySQL database 'minitwit' at db.example.internal:3306 as user 'minitwit'")
			.doesNotContain("secret");
	}

	@Test
	void aSecretReplacesUserAndPasswordThroughTheSecretsManagerDriver() {
		String arn = "arn:aws:secretsmanager:eu-central-1:123456789012:secret:rds!db-1234";
		var db = new DatabaseProperties("db.example.internal", 3306, "minitwit", null, null, arn, TRUST_STORE,
				Duration.ofSeconds(30));

		assertThat(db.missingVariables()).isEmpty();
		assertThat(db.jdbcUrl()).startsWith("jdbc-secretsmanager:mysql://db.example.internal:3306/minitwit?")
			.endsWith(TRUST_STORE);
		// The driver takes the secret's id where the user goes, and ignores the password.
		assertThat(db.login()).isEqualTo(arn);
		assertThat(db.password()).isEmpty();
		assertThat(db.describe()).endsWith("as the user of secret '" + arn + "'");
	}

	@Test
	void withoutASecretUserAndPasswordAreNeeded() {
		assertThat(database("minitwit", null, null, null).missingVariables()).containsExactly("DB_PASSWD");
		assertThat(new DatabaseProperties("db", 3306, null, null, null, null, null, Duration.ZERO).missingVariables())
			.containsExactly("DB_NAME", "DB_USER", "DB_PASSWD");
	}

	@Test
	void aSecretWithoutTheDriverOnTheClassPathStopsTheStartWithTheReason() {
		var db = new DatabaseProperties("db.example.internal", 3306, "minitwit", null, null, "my-secret", null,
				Duration.ofSeconds(1));

		assertThatThrownBy(() -> new DatabaseConfig().dataSource(null, db)).isInstanceOf(DatabaseStartupException.class)
			.hasMessage("DB_SECRET_ID is set, but the AWS Secrets Manager JDBC driver is not on the class path"
					+ " (the AWS image has it in /opt/minitwit/lib).");
	}

	private static DatabaseProperties database(String user, String passwd, String secretId, String jdbcProperties) {
		return new DatabaseProperties("db.example.internal", 3306, "minitwit", user, passwd, secretId, jdbcProperties,
				Duration.ofSeconds(30));
	}

}
