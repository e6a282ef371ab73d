package org.minitwit;

import java.net.URI;

import org.junit.jupiter.api.Test;
import org.minitwit.support.Simulator;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Without its password the API is not there: every path of it, whatever the method and
 * credentials, is the 404 of any unknown path, not a CSRF refusal.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "minitwit.api.password=")
class ApiOffHttpTests {

	@LocalServerPort
	private int port;

	@Test
	void everyPathOfTheApiIsNotFound() {
		var api = new Simulator(URI.create("http://localhost:" + port));
		assertThat(api.get("/api/latest").status()).isEqualTo(404);
		assertThat(api.get("/api/msgs").status()).isEqualTo(404);
		assertThat(api.get("/api/openapi.json").status()).isEqualTo(404);
		assertThat(api.anonymous("/api/fllws/someone").status()).isEqualTo(404);
		assertThat(api.register("someone", "someone@example.com", "pw").status()).isEqualTo(404);
		assertThat(api.postMessage("someone", "hello").status()).isEqualTo(404);
	}

}
