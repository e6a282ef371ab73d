package org.minitwit.support;

import java.util.List;

import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;

/**
 * Gives each context of a {@link UsesMySqlDatabase} test a fresh database on the MySQL
 * test server, selected through the app's own {@code db.*} properties (what {@code DB_*}
 * binds to), and drops it when the context closes.
 */
class MySqlDatabaseContextCustomizerFactory implements ContextCustomizerFactory {

	@Override
	public ContextCustomizer createContextCustomizer(Class<?> testClass,
			List<ContextConfigurationAttributes> configAttributes) {
		return new Customizer(testClass);
	}

	/**
	 * Keyed by the test class, so that no two classes share a cached context and with it
	 * a database.
	 */
	private record Customizer(Class<?> testClass) implements ContextCustomizer {

		@Override
		public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
			var database = MySqlServer.require().createDatabase();
			context.getEnvironment()
				.getPropertySources()
				.addFirst(new MapPropertySource("MySQL test database", database.springProperties()));
			// Registered before any bean, so destroyed after all of them, the connection
			// pool included;
			// also when the context fails to start.
			var beans = (DefaultListableBeanFactory) context.getBeanFactory();
			beans.registerSingleton("mySqlTestDatabase", database);
			beans.registerDisposableBean("mySqlTestDatabase", database::close);
		}

	}

}
