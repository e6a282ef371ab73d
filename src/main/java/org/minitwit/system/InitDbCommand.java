package org.minitwit.system;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * {@code initdb}: drops every table of the configured database and recreates the schema with
 * the Flyway migrations, without starting the web server. Flyway's clean is enabled here only.
 */
public final class InitDbCommand {

	private static final String ENABLED = "minitwit.initdb";

	private InitDbCommand() {
	}

	/** @return the process exit code */
	public static int run(Class<?> application, String[] options) {
		var app = new SpringApplicationBuilder(application).web(WebApplicationType.NONE)
			.logStartupInfo(false)
			.properties(ENABLED + "=true", "spring.flyway.clean-disabled=false", "logging.level.root=WARN",
					"logging.level.org.minitwit=INFO")
			.build();
		try (var context = app.run(options)) {
			System.out.println("Initialized the database.");
			return 0;
		}
		catch (RuntimeException ex) {
			// Spring Boot has already reported the cause.
			return 1;
		}
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBooleanProperty(ENABLED)
	static class CleanThenMigrate {

		@Bean
		FlywayMigrationStrategy cleanThenMigrate() {
			return flyway -> {
				flyway.clean();
				flyway.migrate();
			};
		}

	}

}
