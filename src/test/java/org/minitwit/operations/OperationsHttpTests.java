package org.minitwit.operations;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * MiniTwit as an AWS instance runs it: the actuator on a management port of its own
 * (MINITWIT_MANAGEMENT_PORT), JSON logs (MINITWIT_LOG_FORMAT=json), a request id on every
 * answer and in the request's log lines.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "minitwit.management-port=0", "minitwit.log-format=json",
				// a line logged inside every request, to look for its id in
				"logging.level.org.springframework.web.servlet.DispatcherServlet=debug" })
@ExtendWith(OutputCaptureExtension.class)
class OperationsHttpTests {

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	@LocalServerPort
	private int port;

	@LocalManagementPort
	private int managementPort;

	@Test
	void prometheusMetricsAreOnTheManagementPortOnly() throws Exception {
		assertThat(get(port, "/public", Map.of()).statusCode()).isEqualTo(200);

		var metrics = get(managementPort, "/actuator/prometheus", Map.of());

		assertThat(metrics.statusCode()).isEqualTo(200);
		assertThat(metrics.body()).contains("http_server_requests_seconds_count{")
			.contains("uri=\"/public\"")
			.contains("hikaricp_connections_active")
			.contains("jvm_memory_used_bytes")
			.contains("minitwit_signups_total")
			.contains("minitwit_signins_total{outcome=\"success\"}")
			.contains("minitwit_signins_total{outcome=\"throttled\"}")
			.contains("minitwit_posts_total")
			.contains("minitwit_unavailable_total")
			.as("Spring Security's own observations are off")
			.doesNotContain("spring_security_")
			.as("no long-task timer of the requests in flight")
			.doesNotContain("http_server_requests_active_seconds");
		for (String path : List.of("/actuator/prometheus", "/actuator/health", "/actuator/drain")) {
			assertThat(get(port, path, Map.of()).statusCode()).as(path + " on the application port").isEqualTo(404);
		}
		assertThat(get(managementPort, "/actuator/env", Map.of()).statusCode()).isEqualTo(404);
	}

	@Test
	void theLoadBalancersProbesAreOnTheApplicationPort() throws Exception {
		assertThat(get(port, "/readyz", Map.of()).statusCode()).isEqualTo(200);
		assertThat(get(port, "/livez", Map.of()).statusCode()).isEqualTo(200);
		assertThat(get(managementPort, "/actuator/health/readiness", Map.of()).statusCode()).isEqualTo(200);
	}

	@Test
	void theRequestIdIsTakenOrMadeAndIsInTheRequestsJsonLogLines(CapturedOutput output) throws Exception {
		assertThat(get(port, "/public", Map.of("X-Request-Id", "given-id-1")).headers().firstValue("X-Request-Id"))
			.contains("given-id-1");
		String trace = "Root=1-67891233-abcdef012345678912345678;Sampled=0";
		assertThat(get(port, "/public", Map.of("X-Amzn-Trace-Id", trace)).headers().firstValue("X-Request-Id"))
			.contains(trace);
		assertThat(
				get(port, "/public", Map.of("X-Request-Id", "not an id <script>")).headers().firstValue("X-Request-Id"))
			.hasValueSatisfying(id -> assertThat(id).matches("[0-9a-f]{32}"));
		var made = get(port, "/no/such/page", Map.of());
		assertThat(made.statusCode()).isEqualTo(404);
		assertThat(made.headers().firstValue("X-Request-Id"))
			.hasValueSatisfying(id -> assertThat(id).matches("[0-9a-f]{32}"));

		List<String> lines = output.getOut().lines().filter(line -> line.contains("given-id-1")).toList();
		assertThat(lines).as("log lines of the request").isNotEmpty().allSatisfy(line -> {
			assertThat(line).startsWith("{").endsWith("}").contains("\"requestId\":\"given-id-1\"");
		});
		assertThat(output.getOut().lines().filter(line -> line.contains("\"requestId\":\"" + trace + "\"")))
			.isNotEmpty();
	}

	@Test
	@DirtiesContext
	void drainTurnsReadinessDownForGoodAndLivenessStaysUp() throws Exception {
		assertThat(get(port, "/readyz", Map.of()).statusCode()).isEqualTo(200);

		var drained = HTTP.send(HttpRequest.newBuilder(url(managementPort, "/actuator/drain"))
			.POST(HttpRequest.BodyPublishers.noBody())
			.build(), HttpResponse.BodyHandlers.ofString());

		assertThat(drained.statusCode()).isEqualTo(204);
		assertThat(get(port, "/readyz", Map.of()).statusCode()).isEqualTo(503);
		assertThat(get(port, "/livez", Map.of()).statusCode()).isEqualTo(200);
		// Requests that still come are served.
		assertThat(get(port, "/public", Map.of()).statusCode()).isEqualTo(200);
	}

	private static HttpResponse<String> get(int port, String path, Map<String, String> headers)
			throws IOException, InterruptedException {
		var request = HttpRequest.newBuilder(url(port, path)).GET();
		headers.forEach(request::header);
		return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static URI url(int port, String path) {
		return URI.create("http://127.0.0.1:" + port + path);
	}

}
