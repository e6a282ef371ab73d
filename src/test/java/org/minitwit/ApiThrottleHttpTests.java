package org.minitwit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.minitwit.support.MiniTwitOverHttp;
import org.minitwit.support.Simulator;
import org.minitwit.support.TestSite;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Wrong API credentials count towards the sign-in throttle of the client's address; the
 * password is never logged.
 */
@MiniTwitOverHttp
@ExtendWith(OutputCaptureExtension.class)
class ApiThrottleHttpTests {

	@Autowired
	private TestSite site;

	@Test
	void failedCredentialsCountTowardsTheAddressThrottleAndTheRightOnesAreThenRefusedToo(CapturedOutput output) {
		var api = site.simulator();
		var guesser = api.as("simulator", "guess-" + Simulator.PASSWORD);
		int failures = 0;
		while (guesser.get("/api/latest").status() == 403) {
			failures++;
			assertThat(failures).as("failures before the limit").isLessThanOrEqualTo(50);
		}

		var refused = api.get("/api/latest?latest=12345");
		assertThat(refused.status()).isEqualTo(429);
		assertThat(refused.header("Retry-After")).singleElement().asString().matches("\\d+");
		assertThat(refused.body()).startsWith("{\"status\":429,\"error_msg\":");
		assertThat(site.simulator().get("/api/latest").body()).as("from another address")
			.isNotEqualTo("{\"latest\":12345}");
		assertThat(failures).isEqualTo(50);
		assertThat(output).doesNotContain(Simulator.PASSWORD);
	}

	@Test
	void noCredentialsAtAllAreNotCountedAsGuesses() {
		var api = site.simulator();
		for (int i = 0; i < 60; i++) {
			assertThat(api.anonymous("/api/latest").status()).isEqualTo(403);
		}
		assertThat(api.get("/api/latest").status()).isEqualTo(200);
	}

}
