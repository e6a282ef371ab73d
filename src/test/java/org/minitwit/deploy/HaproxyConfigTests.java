package org.minitwit.deploy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * deploy/haproxy/haproxy.cfg: round robin without stickiness, readiness checks, failover.
 */
class HaproxyConfigTests {

	private static final String CONFIG = "deploy/haproxy/haproxy.cfg";

	private static final Map<String, List<String>> SECTIONS = parse(DeployFiles.read(CONFIG));

	@Test
	void balancesRoundRobinWithoutAnyStickiness() {
		List<String> backend = section("backend");
		assertThat(backend).contains("balance roundrobin");
		// Sessions are in the database: affinity would only hide a bug and unbalance the
		// load.
		assertThat(allLines()).noneMatch(line -> line.startsWith("cookie ") || line.startsWith("stick")
				|| line.startsWith("appsession") || line.startsWith("balance source") || line.startsWith("hash-type"));
	}

	@Test
	void checksEachInstanceOnReadinessEverySecond() {
		List<String> backend = section("backend");
		assertThat(backend).contains("option httpchk");
		// Readiness on the application port: it answers there also when the actuator has
		// a port of its own.
		assertThat(backend)
			.anySatisfy(line -> assertThat(line).matches("(option httpchk|http-check send) .*").contains(" /readyz "));
		assertThat(backend).contains("http-check expect status 200");
		List<String> servers = backend.stream().filter(line -> line.startsWith("server ")).toList();
		assertThat(servers).hasSize(2);
		assertThat(servers).allSatisfy(server -> assertThat(server.split("\\s+")).contains("check"));
		String timing = String.join(" ",
				backend.stream()
					.filter(line -> line.startsWith("default-server ") || line.startsWith("server "))
					.toList());
		assertThat(timing).contains("inter 1s").contains("fall 2").contains("rise 2");
	}

	@Test
	void takesEveryAddressFromTheEnvironment() {
		assertThat(section("frontend")).anySatisfy(line -> assertThat(line).startsWith("bind \"${MINITWIT_LB_BIND"));
		List<String> servers = section("backend").stream().filter(line -> line.startsWith("server ")).toList();
		assertThat(servers.get(0)).contains("\"${MINITWIT_APP1");
		assertThat(servers.get(1)).contains("\"${MINITWIT_APP2");
	}

	@Test
	void aRequestWhoseInstanceIsGoneGoesToTheOtherOne() {
		List<String> retrying = new ArrayList<>(section("defaults"));
		retrying.addAll(section("backend"));
		// At least one retry unless the environment says otherwise (MINITWIT_LB_RETRIES).
		assertThat(retrying).anySatisfy(
				line -> assertThat(line).matches("retries ([1-9]\\d*|\"\\$\\{MINITWIT_LB_RETRIES-[1-9]\\d*}\")"));
		assertThat(retrying).anySatisfy(line -> assertThat(line).startsWith("option redispatch"));
		String retryOn = retrying.stream().filter(line -> line.startsWith("retry-on ")).findFirst().orElseThrow();
		assertThat(retryOn.split("\\s+")).contains("conn-failure");
	}

	@Test
	void aPostIsNeverSentTwice() {
		String retryOn = allLines().stream().filter(line -> line.startsWith("retry-on ")).findFirst().orElseThrow();
		List<String> events = Arrays.asList(retryOn.split("\\s+"));
		boolean mayResend = events.stream()
			.anyMatch(event -> !event.equals("retry-on") && !event.equals("conn-failure") && !event.equals("none"));
		if (mayResend) {
			// Beyond a refused connection, the first instance may have stored the message
			// already.
			assertThat(allLines()).anySatisfy(line -> assertThat(line)
				.isIn("http-request disable-l7-retry unless METH_GET", "http-request disable-l7-retry if !METH_GET"));
		}
	}

	@Test
	void tellsTheApplicationWhatTheClientUsed() {
		List<String> frontend = section("frontend");
		assertThat(frontend).contains("option forwardfor");
		assertThat(frontend)
			.anySatisfy(line -> assertThat(line).startsWith("http-request set-header X-Forwarded-Proto "));
		assertThat(frontend)
			.anySatisfy(line -> assertThat(line).startsWith("http-request set-header X-Forwarded-Port "));
		// A client must not be able to choose the host or prefix the application builds
		// links from.
		assertThat(frontend).contains("http-request del-header Forwarded", "http-request del-header X-Forwarded-Host",
				"http-request del-header X-Forwarded-Prefix");
	}

	@Test
	void responseHeadersNameNoVersionOrAddress() {
		List<String> setHeaders = allLines().stream()
			.filter(line -> line.startsWith("http-response set-header ")
					|| line.startsWith("http-response add-header "))
			.toList();
		assertThat(setHeaders).isNotEmpty();
		assertThat(setHeaders).allSatisfy(line -> assertThat(line.toLowerCase(Locale.ROOT)).doesNotContain("version")
			.doesNotContain("haproxy")
			.doesNotContain("addr")
			.doesNotContain("hostname")
			.doesNotContain("env("));
		assertThat(section("backend")).contains("http-response del-header Server");
	}

	@Test
	void timeoutsAreSet() {
		assertThat(section("defaults")).anySatisfy(line -> assertThat(line).startsWith("timeout connect "))
			.anySatisfy(line -> assertThat(line).startsWith("timeout client "))
			.anySatisfy(line -> assertThat(line).startsWith("timeout server "))
			.anySatisfy(line -> assertThat(line).startsWith("timeout http-request "));
	}

	/**
	 * Where HAProxy is installed (the cluster script installs it), the real parser has
	 * the last word.
	 */
	@Test
	void haproxyAcceptsTheConfiguration() throws Exception {
		Path haproxy = Path.of("/usr/sbin/haproxy");
		assumeTrue(Files.isExecutable(haproxy), "haproxy is not installed");
		ProcessBuilder check = new ProcessBuilder(haproxy.toString(), "-c", "-f", DeployFiles.path(CONFIG).toString())
			.redirectErrorStream(true);
		check.environment().put("MINITWIT_LB_BIND", ":5000");
		check.environment().put("MINITWIT_APP1", "127.0.0.1:5001");
		check.environment().put("MINITWIT_APP2", "127.0.0.1:5002");
		Process process = check.start();
		assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
		String output = new String(process.getInputStream().readAllBytes());
		assertThat(process.exitValue()).as(output).isZero();
		assertThat(output).as(output).doesNotContain("[WARNING]").doesNotContain("[ALERT]");
	}

	private static List<String> section(String type) {
		List<String> lines = SECTIONS.entrySet()
			.stream()
			.filter(section -> section.getKey().split("\\s+")[0].equals(type))
			.flatMap(section -> section.getValue().stream())
			.toList();
		assertThat(lines).as("section " + type).isNotEmpty();
		return lines;
	}

	private static List<String> allLines() {
		return SECTIONS.values().stream().flatMap(List::stream).toList();
	}

	/**
	 * Section header ("backend minitwit") to its lines, comments dropped and spaces
	 * collapsed.
	 */
	static Map<String, List<String>> parse(String config) {
		Map<String, List<String>> sections = new LinkedHashMap<>();
		List<String> current = null;
		for (String raw : config.lines().toList()) {
			String line = raw.replaceFirst("(^|\\s)#.*$", "").trim().replaceAll("\\s+", " ");
			if (line.isEmpty()) {
				continue;
			}
			if (!Character.isWhitespace(raw.charAt(0))) {
				current = new ArrayList<>();
				sections.put(line, current);
			}
			else if (current != null) {
				current.add(line);
			}
		}
		return sections;
	}

}
