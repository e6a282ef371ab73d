package org.minitwit.support;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ContextCustomizerFactories;

/**
 * Runs a Spring test class on a database of its own on the MySQL test server
 * ({@link MySqlServer}), created before the class and dropped after it. Skips the class
 * without a server, fails it on CI.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ExtendWith(RequiresMySqlServer.class)
@ContextCustomizerFactories(MySqlDatabaseContextCustomizerFactory.class)
// Closing the context after the class is what drops its database.
@DirtiesContext
public @interface UsesMySqlDatabase {

}
