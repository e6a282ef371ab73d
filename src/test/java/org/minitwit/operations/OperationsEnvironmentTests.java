package org.minitwit.operations;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/** MINITWIT_MANAGEMENT_PORT and MINITWIT_LOG_FORMAT as Spring Boot settings. */
class OperationsEnvironmentTests {

	@Test
	void withoutTheVariablesTheActuatorKeepsToHealthOnTheApplicationPortAndLogsAreText() {
		var environment = processed(Map.of());

		assertThat(environment.getProperty("management.server.port")).isNull();
		assertThat(environment.getProperty("management.endpoints.web.exposure.include")).isNull();
		assertThat(environment.getProperty("logging.structured.format.console")).isNull();
	}

	@Test
	void aManagementPortMovesTheActuatorThereWithMetricsAndDrain() {
		var environment = processed(Map.of("minitwit.management-port", "8081"));

		assertThat(environment.getProperty("management.server.port")).isEqualTo("8081");
		assertThat(environment.getProperty("management.endpoints.web.exposure.include"))
			.isEqualTo("health,prometheus,drain");
	}

	@Test
	void jsonLogsAreElasticCommonSchemaLines() {
		assertThat(processed(Map.of("minitwit.log-format", "json")).getProperty("logging.structured.format.console"))
			.isEqualTo("ecs");
		assertThat(processed(Map.of("minitwit.log-format", "text")).getProperty("logging.structured.format.console"))
			.isNull();
	}

	@Test
	void anUnknownLogFormatStopsTheStart() {
		assertThatIllegalStateException().isThrownBy(() -> processed(Map.of("minitwit.log-format", "JSON")))
			.withMessage("MINITWIT_LOG_FORMAT is 'JSON'; it may be json or text (the default).");
	}

	@Test
	void settingsGivenExplicitlyWin() {
		var environment = processed(
				Map.of("minitwit.management-port", "8081", "management.endpoints.web.exposure.include", "health",
						"minitwit.log-format", "json", "logging.structured.format.console", "logstash"));

		assertThat(environment.getProperty("management.endpoints.web.exposure.include")).isEqualTo("health");
		assertThat(environment.getProperty("logging.structured.format.console")).isEqualTo("logstash");
	}

	private static StandardEnvironment processed(Map<String, Object> properties) {
		var environment = new StandardEnvironment();
		environment.getPropertySources().addFirst(new MapPropertySource("test", properties));
		new OperationsEnvironment().postProcessEnvironment(environment, new SpringApplication());
		return environment;
	}

}
