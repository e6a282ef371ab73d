package org.minitwit.operations;

import java.util.HashMap;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Turns MiniTwit's two operations variables into Spring Boot's settings, before the
 * application (and its logging) starts:
 * <ul>
 * <li>{@code MINITWIT_MANAGEMENT_PORT}: the actuator moves to that port and serves
 * Prometheus metrics and drain there as well as health. Without it the actuator stays on
 * the application port with health alone, so that nothing else of it is reachable from
 * outside unless configured.</li>
 * <li>{@code MINITWIT_LOG_FORMAT=json}: the console log is one JSON object per line
 * (Elastic Common Schema), for log shippers; {@code text} or nothing keeps Boot's
 * lines.</li>
 * </ul>
 * Settings given explicitly (a {@code management.*} or {@code logging.*} property) win.
 */
class OperationsEnvironment implements EnvironmentPostProcessor {

	static final String MANAGEMENT_PORT = "minitwit.management-port";

	static final String LOG_FORMAT = "minitwit.log-format";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		Map<String, Object> settings = new HashMap<>();
		String port = environment.getProperty(MANAGEMENT_PORT, "");
		if (!port.isBlank()) {
			settings.put("management.server.port", port.strip());
			settings.put("management.endpoints.web.exposure.include", "health,prometheus,drain");
		}
		String format = environment.getProperty(LOG_FORMAT, "text").strip();
		switch (format) {
			case "json" -> settings.put("logging.structured.format.console", "ecs");
			case "text", "" -> {
			}
			default -> throw new IllegalStateException(
					"MINITWIT_LOG_FORMAT is '" + format + "'; it may be json or text (the default).");
		}
		if (!settings.isEmpty()) {
			environment.getPropertySources().addLast(new MapPropertySource("minitwitOperations", settings));
		}
	}

}
