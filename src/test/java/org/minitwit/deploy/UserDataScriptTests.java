package org.minitwit.deploy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * deploy/aws/user-data.sh: the EC2 instance's set-up, and the systemd units it writes.
 */
class UserDataScriptTests {

	private static final String SCRIPT = DeployFiles.read("deploy/aws/user-data.sh");

	@Test
	void stopsAtTheFirstFailure() {
		assertThat(SCRIPT).startsWith("#!/bin/bash\n");
		assertThat(SCRIPT.lines()).contains("set -euo pipefail");
	}

	@Test
	void installsJava17AndRunsAsANonRootSystemUser() {
		assertThat(SCRIPT).containsPattern("dnf install -y .*java-17-amazon-corretto");
		assertThat(SCRIPT).containsPattern("useradd --system [^\\n]*(\\\\\\n[^\\n]*)*minitwit\\n");
		assertThat(SCRIPT).contains("--shell /usr/sbin/nologin");
	}

	@Test
	void readsTheCredentialsFromSecretsManager() {
		String helper = DeployFiles.heredoc(SCRIPT, "cat > /opt/minitwit/bin/minitwit-db-credentials");
		assertThat(helper).contains("aws secretsmanager get-secret-value")
			.contains("--secret-id \"$MINITWIT_DB_SECRET_ID\"")
			.contains(".username")
			.contains(".password");
		// The jar comes from S3, as the settings say.
		assertThat(SCRIPT).contains("aws s3 cp").contains("\"$MINITWIT_JAR_S3_URI\"");
	}

	@Test
	void writesNoPasswordAndShowsNoneOnACommandLine() {
		Matcher assignment = Pattern.compile("DB_PASSWD=(\\S*)").matcher(SCRIPT);
		int found = 0;
		while (assignment.find()) {
			found++;
			assertThat(assignment.group(1)).as("DB_PASSWD= must be followed by a placeholder, not a value")
				.matches("(%s|\"?\\$).*");
		}
		assertThat(found).isPositive();
		// The password reaches jq through a pipe from printf (a shell built-in), never as
		// an argument.
		String helper = DeployFiles.heredoc(SCRIPT, "cat > /opt/minitwit/bin/minitwit-db-credentials");
		assertThat(helper).doesNotContain("jq -r \"$").doesNotContain("echo \"$passwd").doesNotContain("set -x");
		assertThat(SCRIPT).doesNotContain("set -x");
		// The settings file holds no credential at all.
		String settings = DeployFiles.heredoc(SCRIPT, "cat > /etc/minitwit/minitwit.env");
		assertThat(settings).doesNotContain("DB_PASSWD").doesNotContain("DB_USER");
	}

	@Test
	void onlyRootAndTheServiceCanReadTheEnvironmentFiles() {
		assertThat(SCRIPT).containsPattern("chmod 06[04]0 /etc/minitwit/minitwit.env")
			.contains("chown root:minitwit /etc/minitwit/minitwit.env");
		String helper = DeployFiles.heredoc(SCRIPT, "cat > /opt/minitwit/bin/minitwit-db-credentials");
		assertThat(helper).contains("umask 077").containsPattern("chmod 0600 \"\\$tmp\"");
		assertThat(helper).contains("credentials=/run/minitwit/");
	}

	@Test
	void theServiceRestartsOnFailureAsTheMinitwitUser() {
		Map<String, List<String>> unit = unit("minitwit.service");
		assertThat(unit.get("User")).containsExactly("minitwit");
		assertThat(unit.get("Restart")).containsExactly("on-failure");
		assertThat(unit.get("EnvironmentFile")).contains("/etc/minitwit/minitwit.env",
				"-/run/minitwit/db-credentials.env");
		assertThat(unit.get("ExecStartPre")).containsExactly("/opt/minitwit/bin/minitwit-db-credentials fetch");
		assertThat(unit.get("ExecStart")).singleElement()
			.satisfies(exec -> assertThat(exec).startsWith("/usr/bin/java ")
				.endsWith(" -jar /opt/minitwit/minitwit.jar")
				.containsPattern("-XX:MaxRAMPercentage=\\d+"));
		assertThat(unit.get("WantedBy")).containsExactly("multi-user.target");
	}

	@Test
	void theServiceHasTimeToShutDownGracefully() {
		Map<String, List<String>> unit = unit("minitwit.service");
		Duration stop = Duration.parse("PT" + unit.get("TimeoutStopSec").get(0).toUpperCase());
		// Spring's shutdown phase (20-30 s) must finish before systemd sends SIGKILL.
		assertThat(stop).isGreaterThan(Duration.ofSeconds(30));
		assertThat(unit.get("SuccessExitStatus")).containsExactly("143");
		assertThat(unit).doesNotContainKey("KillSignal");
	}

	@Test
	void theServiceIsConfined() {
		Map<String, List<String>> unit = unit("minitwit.service");
		assertThat(unit.get("NoNewPrivileges")).containsExactly("true");
		assertThat(unit.get("ProtectSystem")).containsExactly("strict");
		assertThat(unit.get("ProtectHome")).containsExactly("true");
		assertThat(unit.get("PrivateTmp")).containsExactly("true");
		assertThat(unit.get("CapabilityBoundingSet")).containsExactly("");
		assertThat(unit.get("ReadWritePaths")).containsExactly("/var/lib/minitwit /run/minitwit");
		// The JIT compiler needs memory that is both writable and executable.
		assertThat(unit).doesNotContainKey("MemoryDenyWriteExecute");
	}

	@Test
	void aRotatedPasswordIsPickedUp() {
		Map<String, List<String>> timer = unit("minitwit-credentials-check.timer");
		assertThat(timer).containsKeys("OnUnitActiveSec", "RandomizedDelaySec");
		assertThat(unit("minitwit-credentials-check.service").get("ExecStart"))
			.containsExactly("/opt/minitwit/bin/minitwit-db-credentials check");
		assertThat(SCRIPT).contains("systemctl enable --now minitwit.service minitwit-credentials-check.timer");
	}

	@Test
	void succeedsOnlyOnceTheInstanceIsReady() {
		assertThat(SCRIPT)
			.contains("until curl -fsS -o /dev/null \"http://127.0.0.1:$SERVER_PORT/actuator/health/readiness\"");
		assertThat(SCRIPT.strip()).endsWith("echo \"minitwit: ready on port $SERVER_PORT\"");
	}

	/**
	 * Key to values (a key may repeat) of a unit file the script writes; comments
	 * dropped.
	 */
	private static Map<String, List<String>> unit(String name) {
		String text = DeployFiles.heredoc(SCRIPT, "cat > /etc/systemd/system/" + name);
		Map<String, List<String>> unit = new LinkedHashMap<>();
		for (String line : text.lines().toList()) {
			if (line.isBlank() || line.startsWith("#") || line.startsWith("[")) {
				continue;
			}
			int equals = line.indexOf('=');
			assertThat(equals).as(line).isPositive();
			unit.computeIfAbsent(line.substring(0, equals), key -> new ArrayList<>()).add(line.substring(equals + 1));
		}
		return unit;
	}

}
