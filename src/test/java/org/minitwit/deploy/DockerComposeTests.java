package org.minitwit.deploy;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.minitwit.deploy.DeployFiles.list;
import static org.minitwit.deploy.DeployFiles.map;

/** docker-compose.yml: MySQL 8.4, two MiniTwit instances and HAProxy on port 5000. */
class DockerComposeTests {

	private static final Map<String, Object> COMPOSE = DeployFiles.yaml("docker-compose.yml");

	private static final Map<String, Object> SERVICES = map(COMPOSE.get("services"));

	private static final Pattern INTERPOLATION = Pattern.compile("^\\$\\{(\\w+)(?::?([-?])(.*))?\\}$");

	@Test
	void mysqlIs84WithAHealthCheckAndANamedVolume() {
		Map<String, Object> mysql = service("mysql");
		assertThat(mysql.get("image")).isEqualTo("mysql:8.4");
		assertThat(String.join(" ", strings(map(mysql.get("healthcheck")).get("test")))).contains("mysqladmin")
			.contains("ping");
		String volume = strings(mysql.get("volumes")).get(0);
		String name = volume.substring(0, volume.indexOf(':'));
		assertThat(volume).endsWith(":/var/lib/mysql");
		assertThat(map(COMPOSE.get("volumes"))).as("a named volume, not a host directory").containsKey(name);
		assertThat(String.join(" ", strings(mysql.get("command")))).contains("--character-set-server=utf8mb4");
	}

	@Test
	void mysqlIsNotPublished() {
		assertThat(service("mysql")).doesNotContainKey("ports");
	}

	@Test
	void twoInstancesAreBuiltFromTheDockerfileAndConfiguredByTheDbVariables() {
		List<String> apps = appServices();
		assertThat(apps).hasSize(2);
		for (String name : apps) {
			Map<String, Object> app = service(name);
			Map<String, Object> environment = map(app.get("environment"));
			assertThat(environment).as(name).containsKeys("DB_HOST", "DB_PORT", "DB_NAME", "DB_USER", "DB_PASSWD");
			assertThat(environment.get("DB_HOST")).as(name + " reaches MySQL by its service name").isEqualTo("mysql");
			assertThat(map(map(app.get("depends_on")).get("mysql")).get("condition")).as(name)
				.isEqualTo("service_healthy");
		}
	}

	@Test
	void theInstancesAreHealthCheckedOnReadiness() {
		for (String name : appServices()) {
			Map<String, Object> healthcheck = map(service(name).get("healthcheck"));
			assertThat(String.join(" ", strings(healthcheck.get("test")))).as(name).contains(":5000/readyz");
		}
	}

	@Test
	void stoppingAnInstanceLeavesTimeForItsGracefulShutdown() {
		for (String name : appServices()) {
			Object grace = service(name).get("stop_grace_period");
			assertThat(grace).as(name + ": Docker's default 10 s cuts Spring's graceful shutdown short").isNotNull();
			assertThat(DeployFiles.duration(grace.toString())).isGreaterThan(DeployFiles.longestStop().plusSeconds(5));
		}
	}

	@Test
	void theManagementPortIsOnTheComposeNetworkOnly() {
		for (String name : appServices()) {
			Map<String, Object> app = service(name);
			assertThat(map(app.get("environment")).get("MINITWIT_MANAGEMENT_PORT")).as(name).isEqualTo("8081");
			assertThat(strings(app.getOrDefault("ports", List.of()))).as(name + " publishes nothing").isEmpty();
		}
		assertThat(strings(service("lb").get("ports"))).noneMatch(port -> port.contains("8081"));
	}

	/**
	 * {@code docker compose run --rm app1 initdb}: the instance's settings with the
	 * sub-command as the container's command, appended to the image's exec-form
	 * ENTRYPOINT (DockerfileTests).
	 */
	@Test
	void initdbRunsAsAOneOffInstance() {
		Map<String, Object> app1 = service("app1");
		assertThat(app1).doesNotContainKeys("entrypoint", "command");
		assertThat(map(app1.get("environment"))).containsKeys("DB_HOST", "DB_NAME", "DB_USER", "DB_PASSWD");
		assertThat(DeployFiles.read("docker-compose.yml")).contains("docker compose run --rm app1 initdb");
		assertThat(DeployFiles.read("Dockerfile").lines().filter(line -> line.startsWith("ENTRYPOINT"))).singleElement()
			.satisfies(entrypoint -> assertThat(entrypoint).matches("ENTRYPOINT \\[\"java\", .*\\]"));
	}

	@Test
	void theLoadBalancerPublishesPort5000AndUsesTheSharedConfig() {
		Map<String, Object> lb = service("lb");
		assertThat((String) lb.get("image")).startsWith("haproxy:2.6");
		assertThat(strings(lb.get("ports"))).anySatisfy(port -> {
			String[] parts = port.split(":(?=[^:]*$)");
			assertThat(parts[1]).isEqualTo("5000");
			assertThat(resolve(parts[0])).isEqualTo("5000");
		});
		assertThat(strings(lb.get("volumes")))
			.anySatisfy(volume -> assertThat(volume).startsWith("./deploy/haproxy/haproxy.cfg:")
				.contains("/usr/local/etc/haproxy/haproxy.cfg"));
		Map<String, Object> environment = map(lb.get("environment"));
		assertThat(environment.get("MINITWIT_LB_BIND")).isEqualTo(":5000");
		assertThat(List.of(environment.get("MINITWIT_APP1"), environment.get("MINITWIT_APP2")))
			.containsExactlyInAnyOrderElementsOf(appServices().stream().map(name -> name + ":5000").toList());
	}

	@Test
	void anOptionalReplicaFollowsMysqlByGtidAndTheInstancesReadFromItOnlyWhenNamed() {
		Map<String, Object> replica = service("mysql-replica");
		assertThat(strings(replica.get("profiles"))).containsExactly("replica");
		assertThat(replica.get("image")).isEqualTo(service("mysql").get("image"));
		assertThat(replica).doesNotContainKey("ports");
		assertThat(strings(service("mysql").get("command"))).contains("--gtid-mode=ON",
				"--enforce-gtid-consistency=ON");
		assertThat(strings(replica.get("command"))).contains("--gtid-mode=ON", "--enforce-gtid-consistency=ON",
				"--read-only=ON", "--server-id=2");
		assertThat(strings(service("mysql").get("volumes"))).anyMatch(
				volume -> volume.startsWith("./deploy/compose/replication-source.sh:/docker-entrypoint-initdb.d/"));
		assertThat(strings(replica.get("volumes")))
			.anyMatch(volume -> volume.startsWith("./deploy/compose/replica.sh:/docker-entrypoint-initdb.d/"));
		assertThat(DeployFiles.read("deploy/compose/replica.sh")).contains("SOURCE_HOST='mysql'")
			.contains("SOURCE_AUTO_POSITION=1")
			.contains("GRANT REPLICATION CLIENT");
		for (String name : appServices()) {
			assertThat(map(service(name).get("environment")).get("DB_READ_HOST")).as(name)
				.isEqualTo("${DB_READ_HOST:-}");
		}
	}

	@Test
	void noPasswordIsWrittenInTheFile() {
		for (var service : SERVICES.entrySet()) {
			Object environment = map(service.getValue()).get("environment");
			if (environment == null) {
				continue;
			}
			for (var variable : map(environment).entrySet()) {
				if (!variable.getKey().matches("(?i).*(PASSW|SECRET|TOKEN).*")
						|| variable.getKey().contains("RANDOM")) {
					continue;
				}
				String where = service.getKey() + "." + variable.getKey();
				Matcher interpolation = INTERPOLATION.matcher(String.valueOf(variable.getValue()));
				assertThat(interpolation.matches()).as(where + " comes from the environment (.env)").isTrue();
				assertThat(interpolation.group(2)).as(where + " is required, with no default value").isEqualTo("?");
			}
		}
		assertThat(map(service("mysql").get("environment"))).doesNotContainKey("MYSQL_ROOT_PASSWORD");
	}

	private static List<String> appServices() {
		return SERVICES.entrySet()
			.stream()
			.filter(service -> map(service.getValue()).containsKey("build"))
			.map(Map.Entry::getKey)
			.sorted()
			.toList();
	}

	private static Map<String, Object> service(String name) {
		assertThat(SERVICES).containsKey(name);
		return map(SERVICES.get(name));
	}

	private static List<String> strings(Object value) {
		return list(value).stream().map(String::valueOf).toList();
	}

	/** A value as compose would interpolate it with nothing set in the environment. */
	private static String resolve(String value) {
		Matcher interpolation = INTERPOLATION.matcher(value);
		if (!interpolation.matches()) {
			return value;
		}
		assertThat(interpolation.group(2)).as(value + " has a default").isEqualTo("-");
		return interpolation.group(3);
	}

}
