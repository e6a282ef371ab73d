package org.minitwit.database;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Import;

/**
 * Lets test slices outside this package use the app's datasource; DatabaseConfig is
 * package-private.
 */
@TestConfiguration(proxyBeanMethods = false)
@Import(DatabaseConfig.class)
@EnableConfigurationProperties(DatabaseProperties.class)
public class DataSourceTestConfiguration {

}
