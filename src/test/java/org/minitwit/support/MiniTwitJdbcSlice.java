package org.minitwit.support;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.minitwit.database.DataSourceTestConfiguration;

import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.boot.jdbc.test.autoconfigure.JdbcTest;
import org.springframework.context.annotation.Import;

/**
 * A JDBC slice on the app's own datasource (DatabaseConfig: {@code db.*} or the embedded
 * database) and its Flyway schema, each test in a transaction rolled back afterwards.
 * Import the repositories under test next to it.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@JdbcTest
// Boot's replacement would be a bare embedded database without the app's DatabaseConfig.
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@Import(DataSourceTestConfiguration.class)
public @interface MiniTwitJdbcSlice {

}
