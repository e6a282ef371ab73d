package org.minitwit.support;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.test.context.TestPropertySource;

/**
 * Runs a Spring test class on the embedded database, which tests make an in-memory H2
 * database per context (src/test/resources/config/application.yml), even where the shell
 * exports {@code DB_HOST}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@TestPropertySource(properties = "db.host=")
public @interface UsesH2Database {

}
