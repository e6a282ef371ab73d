package org.minitwit.database;

import java.util.Arrays;
import java.util.stream.Stream;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * {@code initdb}: drops every table of the configured database and recreates the schema
 * with the Flyway migrations. It starts only the datasource and Flyway, never the web
 * server, and is the one place where Flyway's clean is enabled.
 */
public final class InitDbCommand {

	private static final String ENABLED = "minitwit.initdb";

	private InitDbCommand() {
	}

	/**
	 * @return the process exit code
	 */
	public static int run(String[] options) {
		var app = new SpringApplicationBuilder(Context.class).web(WebApplicationType.NONE)
			.logStartupInfo(false)
			.properties("logging.level.root=WARN", "logging.level.org.minitwit=INFO")
			.build();
		// As command-line arguments these outrank every other property source.
		var arguments = Stream.concat(Stream.of("--" + ENABLED + "=true", "--spring.flyway.clean-disabled=false"),
				Arrays.stream(options));
		try (var context = app.run(arguments.toArray(String[]::new))) {
			System.out.println("Initialized the database.");
			return 0;
		}
		catch (RuntimeException ex) {
			// Spring Boot has already reported the cause.
			return 1;
		}
	}

	/** Deliberately not a component, so the web application never picks it up. */
	@ImportAutoConfiguration({ DataSourceAutoConfiguration.class, FlywayAutoConfiguration.class })
	@Import(DatabaseConfig.class)
	@EnableConfigurationProperties(DatabaseProperties.class)
	static class Context {

		@Bean
		@ConditionalOnBooleanProperty(ENABLED)
		FlywayMigrationStrategy cleanThenMigrate() {
			return flyway -> {
				flyway.clean();
				flyway.migrate();
			};
		}

	}

}
