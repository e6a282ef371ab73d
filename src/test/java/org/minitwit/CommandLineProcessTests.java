package org.minitwit;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.minitwit.support.MiniTwitProcess;

import static org.assertj.core.api.Assertions.assertThat;

/** The command line of the jar, run as a real process. */
class CommandLineProcessTests {

	@TempDir
	Path workingDirectory;

	@Test
	void anUnknownSubCommandPrintsTheUsageAndExitsWithTwo() {
		var result = MiniTwitProcess.in(workingDirectory).run(Duration.ofSeconds(30), "initdbx");

		assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
		assertThat(result.stderr().lines()).as(result.toString())
			.anySatisfy(line -> assertThat(line).startsWith("usage: ").contains("initdb"));
		assertThat(workingDirectory).as("no database was opened").isEmptyDirectory();
	}

}
