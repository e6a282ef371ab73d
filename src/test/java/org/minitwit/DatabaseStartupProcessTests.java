package org.minitwit;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.minitwit.support.MiniTwitProcess;
import org.minitwit.support.MySqlServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * Start-up against a shared database that is misconfigured or not there, as a real
 * process.
 */
class DatabaseStartupProcessTests {

	private static final String PASSWORD = "S3cret-Pa55word";

	/**
	 * The default wait is 30 s; failing well before it shows the check does not wait at
	 * all.
	 */
	private static final Duration FAST = Duration.ofSeconds(20);

	@TempDir
	Path workingDirectory;

	@Test
	void aMissingDbPasswdFailsFastNamingIt() {
		var result = MiniTwitProcess.in(workingDirectory)
			.env("DB_HOST", "127.0.0.1")
			.env("DB_NAME", "minitwit")
			.env("DB_USER", "minitwit")
			.run(Duration.ofSeconds(60), "--server.port=" + MiniTwitProcess.freePort());

		assertThat(result.exitCode()).as(result.toString()).isNotZero();
		assertThat(result.elapsed()).as(result.toString()).isLessThan(FAST);
		assertThat(result.output()).as(result.toString()).contains("DB_PASSWD");
	}

	static Object[][] unreachableDatabases() {
		return new Object[][] { { "127.0.0.1", MiniTwitProcess.freePort() }, { "minitwit-db.invalid", 3306 } };
	}

	@ParameterizedTest(name = "{0}:{1}")
	@MethodSource("unreachableDatabases")
	void anUnreachableDatabaseEndsStartUpAfterTheWaitNamingTheHostButNotThePassword(String host, int port) {
		var result = MiniTwitProcess.in(workingDirectory)
			.env("DB_HOST", host)
			.env("DB_PORT", String.valueOf(port))
			.env("DB_NAME", "minitwit")
			.env("DB_USER", "minitwit")
			.env("DB_PASSWD", PASSWORD)
			.env("DB_STARTUP_WAIT", "2s")
			.run(Duration.ofSeconds(60), "--server.port=" + MiniTwitProcess.freePort());

		assertThat(result.exitCode()).as(result.toString()).isNotZero();
		assertThat(result.elapsed()).as(result.toString()).isLessThan(FAST);
		assertThat(result.output()).as(result.toString()).contains(host).doesNotContain(PASSWORD);
	}

	/** Waiting cannot fix a wrong password, and the server's refusal must not echo it. */
	@Test
	void aWrongPasswordFailsWithoutWaitingAndWithoutShowingIt() {
		var server = MySqlServer.require();
		assumeThat(server.passwd()).as("the test server's own password").isNotEqualTo(PASSWORD);
		try (var database = server.createDatabase()) {
			var result = MiniTwitProcess.in(workingDirectory)
				.env(database.environment())
				.env("DB_PASSWD", PASSWORD)
				.env("DB_STARTUP_WAIT", "60s")
				.run(Duration.ofSeconds(90), "--server.port=" + MiniTwitProcess.freePort());

			assertThat(result.exitCode()).as(result.toString()).isNotZero();
			assertThat(result.elapsed()).as(result.toString()).isLessThan(FAST);
			assertThat(result.output()).as(result.toString()).contains(server.host()).doesNotContain(PASSWORD);
		}
	}

}
