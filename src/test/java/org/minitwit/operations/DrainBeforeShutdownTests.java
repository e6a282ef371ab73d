package org.minitwit.operations;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.minitwit.MiniTwitApplication;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A stopping instance first tells the load balancer (readiness down) and serves on, and
 * only then closes its listening socket.
 */
class DrainBeforeShutdownTests {

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@Test
	void aStoppingInstanceIsUnreadyButServesUntilTheDrainEnds() throws Exception {
		var context = new SpringApplicationBuilder(MiniTwitApplication.class).run("--server.port=0",
				"--minitwit.drain.before-shutdown=3s");
		int port = ((WebServerApplicationContext) context).getWebServer().getPort();
		assertThat(status(port, "/readyz")).isEqualTo(200);

		var closing = CompletableFuture.runAsync(context::close);
		while (status(port, "/readyz") == 200) {
			Thread.onSpinWait();
		}

		assertThat(closing).as("still draining").isNotDone();
		assertThat(status(port, "/readyz")).isEqualTo(503);
		assertThat(status(port, "/public")).as("a page during the drain").isEqualTo(200);
		closing.get(30, TimeUnit.SECONDS);
		assertThatExceptionOfType(ConnectException.class).isThrownBy(() -> status(port, "/public"));
	}

	@Test
	void aStoppedAndRestartedContextIsReadyAgain() throws Exception {
		try (var context = new SpringApplicationBuilder(MiniTwitApplication.class).run("--server.port=0")) {
			context.stop();
			context.start();

			int port = ((WebServerApplicationContext) context).getWebServer().getPort();
			assertThat(status(port, "/readyz")).isEqualTo(200);
		}
	}

	private static int status(int port, String path) throws IOException, InterruptedException {
		var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build();
		return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
	}

}
