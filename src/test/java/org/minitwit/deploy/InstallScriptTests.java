package org.minitwit.deploy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** deploy/aws/install.sh: what the image holds, and the systemd units it writes. */
class InstallScriptTests {

	private static final String SCRIPT = DeployFiles.read("deploy/aws/install.sh");

	@Test
	void stopsAtTheFirstFailure() {
		assertThat(SCRIPT).startsWith("#!/bin/bash\n");
		assertThat(SCRIPT.lines()).contains("set -euo pipefail");
		assertThat(SCRIPT).doesNotContain("set -x");
	}

	@Test
	void installsJava25TheCloudWatchAgentAndANonRootSystemUser() {
		assertThat(SCRIPT).containsPattern("dnf install -y .*java-25-amazon-corretto-headless")
			.containsPattern("dnf install -y .*amazon-cloudwatch-agent");
		assertThat(SCRIPT).containsPattern("useradd --system [^\\n]*(\\\\\\n[^\\n]*)*minitwit\\n");
		assertThat(SCRIPT).contains("--shell /usr/sbin/nologin");
	}

	@Test
	void theAppAndTheAwsLibrariesAreRootOwnedAndStartFromTheRecordedStartUp() {
		assertThat(SCRIPT)
			.contains("java -Djarmode=tools -jar \"$bundle/minitwit.jar\" extract --destination /opt/minitwit/app")
			.contains("install -m 0644 -o root -g root \"$bundle\"/lib/*.jar /opt/minitwit/lib/");
		// recorded once the libraries are in place: the record holds for this class path
		// only
		assertThat(SCRIPT.indexOf("bash \"$bundle/aws/startup-cache.sh\" /opt/minitwit/app /opt/minitwit/lib"))
			.isGreaterThan(SCRIPT.indexOf("/lib/*.jar /opt/minitwit/lib/"));
		String launcher = DeployFiles.heredoc(SCRIPT, "cat > /opt/minitwit/bin/minitwit");
		assertThat(launcher).contains("exec /usr/bin/java ")
			.containsPattern("-XX:MaxRAMPercentage=\\d+")
			.contains("-XX:+ExitOnOutOfMemoryError")
			.containsPattern("-XX:TrimNativeHeapInterval=\\d+")
			.endsWith("@/opt/minitwit/app/java.args \"$@\"");
	}

	@Test
	void theDatabaseLinkVerifiesTheServerAgainstTheBakedRdsCertificates() {
		assertThat(SCRIPT).contains("https://truststore.pki.rds.amazonaws.com/")
			.contains(
					"bash \"$bundle/aws/rds-truststore.sh\" /opt/minitwit/rds-ca-bundle.pem /opt/minitwit/rds-truststore.p12");
		Map<String, String> image = environment("cat > /etc/minitwit/image.env");
		assertThat(image.get("DB_JDBC_PROPERTIES").split("&")).containsExactlyInAnyOrder("sslMode=VERIFY_IDENTITY",
				"trustCertificateKeyStoreUrl=file:/opt/minitwit/rds-truststore.p12",
				"trustCertificateKeyStoreType=PKCS12");
	}

	@Test
	void theImageLogsJsonAndMovesTheActuatorToTheManagementPort() {
		Map<String, String> image = environment("cat > /etc/minitwit/image.env");
		assertThat(image).containsEntry("MINITWIT_LOG_FORMAT", "json")
			.containsEntry("MINITWIT_MANAGEMENT_PORT", "8081")
			.containsEntry("SERVER_PORT", "5000");
		assertThat(image.keySet()).noneMatch(name -> name.contains("PASSW") || name.equals("DB_USER"));
		assertThat(SCRIPT).containsPattern("chmod 06[04]0 /etc/minitwit/image.env")
			.contains("chown root:minitwit /etc/minitwit/image.env");
	}

	@Test
	void theServiceLogsToTheFileTheAgentShipsAndLogrotateKeepsSmall() {
		Map<String, List<String>> unit = unit("minitwit.service");
		assertThat(unit.get("StandardOutput")).containsExactly("append:/var/log/minitwit/minitwit.log");
		String logrotate = DeployFiles.heredoc(SCRIPT, "cat > /etc/logrotate.d/minitwit");
		assertThat(logrotate).startsWith("/var/log/minitwit/minitwit.log {").contains("copytruncate");
		assertThat(DeployFiles.read("deploy/aws/user-data.sh"))
			.contains("\"file_path\": \"/var/log/minitwit/minitwit.log\"");
	}

	@Test
	void theServiceRestartsOnFailureAsTheMinitwitUser() {
		Map<String, List<String>> unit = unit("minitwit.service");
		assertThat(unit.get("User")).containsExactly("minitwit");
		assertThat(unit.get("Restart")).containsExactly("on-failure");
		// The stack's settings (minitwit.env) come second: they override the image's.
		assertThat(unit.get("EnvironmentFile")).containsExactly("/etc/minitwit/image.env",
				"/etc/minitwit/minitwit.env");
		assertThat(unit.get("ExecStart")).containsExactly("/opt/minitwit/bin/minitwit");
		assertThat(unit.get("WantedBy")).containsExactly("multi-user.target");
	}

	@Test
	void theServiceHasTimeToShutDownGracefully() {
		Map<String, List<String>> unit = unit("minitwit.service");
		Duration stop = DeployFiles.duration(unit.get("TimeoutStopSec").get(0));
		// The drain and Spring's shutdown phase must end before systemd sends SIGKILL,
		// with time for
		// the JVM to exit.
		assertThat(stop).isGreaterThan(DeployFiles.longestStop().plusSeconds(5));
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
		assertThat(unit.get("ReadWritePaths")).containsExactly("/var/lib/minitwit");
		// The JIT compiler needs memory that is both writable and executable.
		assertThat(unit).doesNotContainKey("MemoryDenyWriteExecute");
	}

	@Test
	void initdbRunsWithTheServicesUserSettingsAndLauncher() {
		Map<String, List<String>> service = unit("minitwit.service");
		Map<String, List<String>> initdb = unit("minitwit-initdb.service");
		assertThat(initdb.get("Type")).containsExactly("oneshot");
		assertThat(initdb.get("ExecStart")).containsExactly(service.get("ExecStart").get(0) + " initdb");
		for (String key : List.of("User", "Group", "EnvironmentFile", "WorkingDirectory", "NoNewPrivileges",
				"ProtectSystem")) {
			assertThat(initdb.get(key)).as(key).isEqualTo(service.get(key));
		}
		assertThat(initdb).doesNotContainKey("WantedBy");
	}

	@Test
	void theInterruptionWatcherRunsBesideTheService() {
		Map<String, List<String>> watcher = unit("minitwit-interruption-watcher.service");
		assertThat(watcher.get("ExecStart")).containsExactly("/opt/minitwit/bin/minitwit-interruption-watcher");
		assertThat(watcher.get("EnvironmentFile")).isEqualTo(unit("minitwit.service").get("EnvironmentFile"));
		// Once it has drained it exits 0 and stays stopped; a crash is restarted.
		assertThat(watcher.get("Restart")).containsExactly("on-failure");
		assertThat(SCRIPT)
			.contains("\"$bundle/aws/interruption-watcher.sh\" /opt/minitwit/bin/minitwit-interruption-watcher")
			.contains("\"$bundle/aws/user-data.sh\" /opt/minitwit/bin/minitwit-configure");
	}

	@Test
	void theImageStartsNothingBeforeItIsConfigured() {
		assertThat(SCRIPT.lines().filter(line -> !line.startsWith("#")))
			.noneMatch(line -> line.contains("systemctl enable") || line.contains("systemctl start"));
		assertThat(DeployFiles.read("deploy/aws/user-data.sh"))
			.contains("systemctl enable --now minitwit.service minitwit-interruption-watcher.service");
	}

	/** The KEY=value lines of a here-document the script writes; comments dropped. */
	private static Map<String, String> environment(String start) {
		Map<String, String> variables = new LinkedHashMap<>();
		for (String line : DeployFiles.heredoc(SCRIPT, start).lines().toList()) {
			if (!line.isBlank() && !line.startsWith("#")) {
				variables.put(line.substring(0, line.indexOf('=')), line.substring(line.indexOf('=') + 1));
			}
		}
		return variables;
	}

	/**
	 * Key to values (a key may repeat) of a unit file the script writes; comments
	 * dropped.
	 */
	static Map<String, List<String>> unit(String name) {
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
