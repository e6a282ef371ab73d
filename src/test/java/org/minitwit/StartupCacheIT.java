package org.minitwit;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.minitwit.support.Browser;
import org.minitwit.support.Processes;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * scripts/startup-cache.sh as README.md runs it: the jar extracted, its start-up recorded
 * on the java of this build, and the application started from java.args serves its pages.
 */
class StartupCacheIT {

	private static final Duration WAIT = Duration.ofMinutes(3);

	@Test
	void theApplicationStartsFromItsRecordedStartUp(@TempDir Path work) throws Exception {
		Path app = work.resolve("app");
		run(work, "java", "-Djarmode=tools", "-jar", Path.of("target/minitwit.jar").toAbsolutePath().toString(),
				"extract", "--destination", app.toString());
		run(work, "bash", Path.of("scripts/startup-cache.sh").toAbsolutePath().toString(), app.toString());

		List<String> args = Files.readAllLines(app.resolve("java.args"));
		assertThat(args.get(0)).matches("-XX:(SharedArchiveFile|AOTCache)=.*");
		assertThat(app.resolve(args.get(0).substring(args.get(0).indexOf('=') + 1))).isNotEmptyFile();

		// The JVM refuses to start rather than start without the record it cannot use.
		String strict = args.get(0).startsWith("-XX:AOTCache") ? "-XX:AOTMode=on" : "-Xshare:on";
		int port = Processes.freePort();
		var server = new ProcessBuilder("java", strict, "@" + app.resolve("java.args"), "--server.port=" + port)
			.directory(work.toFile())
			.redirectErrorStream(true)
			.redirectOutput(work.resolve("app.log").toFile())
			.start();
		Processes.killOnExit(server);
		try {
			var browser = new Browser(URI.create("http://127.0.0.1:" + port + "/"), Duration.ofSeconds(5));
			long deadline = System.nanoTime() + WAIT.toNanos();
			while (!ready(browser) && System.nanoTime() < deadline) {
				assertThat(server.isAlive()).as(Files.readString(work.resolve("app.log"))).isTrue();
				Processes.sleep(Duration.ofMillis(200));
			}
			assertThat(browser.get("/public").status()).isEqualTo(200);
		}
		finally {
			Processes.stop(server, Duration.ofSeconds(20));
		}
	}

	private static boolean ready(Browser browser) {
		try {
			return browser.get("/readyz").status() == 200;
		}
		catch (AssertionError notYet) {
			return false;
		}
	}

	private static void run(Path directory, String... command) throws IOException, InterruptedException {
		var process = new ProcessBuilder(command).directory(directory.toFile())
			.redirectErrorStream(true)
			.redirectOutput(directory.resolve("command.log").toFile())
			.start();
		Processes.killOnExit(process);
		assertThat(process.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
		assertThat(process.exitValue()).as(Files.readString(directory.resolve("command.log"))).isZero();
	}

}
