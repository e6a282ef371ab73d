package org.minitwit.deploy;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * deploy/aws/user-data.sh (minitwit-configure on the image): one deployment's settings at
 * boot.
 */
class UserDataScriptTests {

	private static final String SCRIPT = DeployFiles.read("deploy/aws/user-data.sh");

	@Test
	void stopsAtTheFirstFailure() {
		assertThat(SCRIPT).startsWith("#!/bin/bash\n");
		assertThat(SCRIPT.lines()).contains("set -euo pipefail");
	}

	@Test
	void configuresOnlyAndInstallsNothing() {
		assertThat(SCRIPT).doesNotContain("dnf ").doesNotContain("useradd").doesNotContain("aws s3");
	}

	@Test
	void writesNoCredentialAnywhere() {
		String settings = DeployFiles.heredoc(SCRIPT, "cat > /etc/minitwit/minitwit.env");
		assertThat(settings).doesNotContain("DB_PASSWD")
			.doesNotContain("DB_USER")
			.contains("DB_SECRET_ID=$DB_SECRET_ID");
		assertThat(SCRIPT).doesNotContain("secretsmanager get-secret-value").doesNotContain("set -x");
		assertThat(SCRIPT).containsPattern("chmod 06[04]0 /etc/minitwit/minitwit.env")
			.contains("chown root:minitwit /etc/minitwit/minitwit.env");
	}

	@Test
	void tellsTheWatcherItsGroupHookAndTheLoadBalancersDetectionTime() {
		String settings = DeployFiles.heredoc(SCRIPT, "cat > /etc/minitwit/minitwit.env");
		for (String name : new String[] { "MINITWIT_ASG_NAME", "MINITWIT_LIFECYCLE_HOOK",
				"MINITWIT_LB_DETECT_SECONDS" }) {
			assertThat(settings.lines()).contains(name + "=$" + name);
			assertThat(DeployFiles.read("deploy/aws/interruption-watcher.sh")).contains("${" + name + ":-");
		}
	}

	@Test
	void shipsTheLogFileToTheStacksLogGroupWhenThereIsOne() {
		String agent = DeployFiles.heredoc(SCRIPT, "cat > /opt/aws/amazon-cloudwatch-agent/etc/minitwit.json");
		Map<String, Object> config = DeployFiles.yamlText(agent.replace("$MINITWIT_LOG_GROUP", "/minitwit/test"));
		Map<String, Object> file = DeployFiles.map(
				DeployFiles
					.list(DeployFiles
						.map(DeployFiles.map(DeployFiles.map(config.get("logs")).get("logs_collected")).get("files"))
						.get("collect_list"))
					.get(0));
		assertThat(file).containsEntry("file_path", "/var/log/minitwit/minitwit.log")
			.containsEntry("log_group_name", "/minitwit/test")
			.containsEntry("log_stream_name", "{instance_id}");
		assertThat(SCRIPT).contains("if [ -n \"$MINITWIT_LOG_GROUP\" ]; then")
			.contains("amazon-cloudwatch-agent-ctl -a fetch-config -m ec2 -s");
	}

	@Test
	void succeedsOnlyOnceTheInstanceIsReady() {
		assertThat(SCRIPT).contains("systemctl enable --now minitwit.service minitwit-interruption-watcher.service")
			.contains("until curl -fsS -o /dev/null \"http://127.0.0.1:5000/readyz\"");
		assertThat(SCRIPT.strip()).endsWith("echo \"minitwit: ready\"");
	}

}
