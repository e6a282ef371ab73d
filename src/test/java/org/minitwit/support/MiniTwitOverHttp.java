package org.minitwit.support;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.context.annotation.Import;

/**
 * The whole application on a random port over its own in-memory database. Every HTTP test
 * uses this one annotation, so they all share one Spring context (and one database: tests
 * create users with unique names rather than rely on an empty database).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
// DatabaseOutageHttpTests cuts the database off by suspending the pool; all tests share
// the setting so that they share one context. It changes nothing while the pool is not
// suspended. The simulator API is on, for the tests of it (ApiOffHttpTests: off).
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.datasource.hikari.allow-pool-suspension=true",
				"minitwit.api.password=" + Simulator.PASSWORD })
@Import(TestSite.class)
public @interface MiniTwitOverHttp {

}
