package org.minitwit.operations;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.minitwit.support.MiniTwitTables;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The warm-up with the simulator API on: every request is answered before readiness goes
 * up, and none of them leaves anything behind.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "minitwit.warm-up.enabled=true", "minitwit.api.password=warm-up-test",
				"logging.level.org.springframework.boot.availability=debug" })
@ExtendWith(OutputCaptureExtension.class)
class WarmUpTests {

	@Autowired
	private JdbcClient jdbc;

	@Test
	void everyRequestIsAnsweredBeforeTheInstanceIsReady(CapturedOutput output) {
		String log = output.getAll();
		assertThat(log).containsPattern("Warmed up in \\d+ ms: (\\d+) of \\1 requests answered");
		assertThat(log.indexOf("Warmed up in")).as("warmed up before readiness")
			.isLessThan(log.indexOf("ReadinessState changed to ACCEPTING_TRAFFIC"))
			.isNotNegative();
	}

	@Test
	void nothingIsStored() {
		for (String table : MiniTwitTables.ALL) {
			assertThat(MiniTwitTables.rows(jdbc, table)).as(table).isZero();
		}
	}

}
