package org.minitwit.session;

import java.time.Duration;
import java.util.EnumSet;

import javax.sql.DataSource;

import jakarta.servlet.DispatcherType;
import org.minitwit.web.RequestPipeline;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.session.config.SessionRepositoryCustomizer;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;
import org.springframework.session.jdbc.MySqlJdbcIndexedSessionRepositoryCustomizer;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The shared session store: Spring Session JDBC in the application's database, made safe
 * for concurrent requests of one session, bounded in time like every other statement, and
 * spared its second read of the session per request ({@link SessionRereadFilter}).
 */
@Configuration(proxyBeanMethods = false)
class SessionStoreConfig {

	/**
	 * Concurrent requests of one session may both insert the same attribute; on MySQL the
	 * plain insert then fails with a duplicate key. The upsert variant cannot (and H2's
	 * MySQL mode runs it).
	 */
	@Bean
	SessionRepositoryCustomizer<JdbcIndexedSessionRepository> sessionAttributeUpsert() {
		return new MySqlJdbcIndexedSessionRepositoryCustomizer();
	}

	/**
	 * Spring Session runs its statements through its own JdbcTemplate, which
	 * {@code spring.jdbc.template.query-timeout} does not reach; a timeout on its
	 * transactions is what bounds them (Spring applies the time left to each statement).
	 * Without it a request would wait on a locked or stalled session table for as long as
	 * the database lets it. The template is what Spring Session builds by default (a
	 * transaction of its own on the datasource), plus the timeout; not a default
	 * candidate, so nothing else is handed it in place of Boot's.
	 */
	@Bean(name = "springSessionTransactionOperations", defaultCandidate = false)
	TransactionTemplate springSessionTransactionOperations(DataSource dataSource,
			@Value("${spring.jdbc.template.query-timeout}") Duration timeout) {
		var template = new TransactionTemplate(new JdbcTransactionManager(dataSource));
		template.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		template.setTimeout(Math.toIntExact(Math.max(1, timeout.toSeconds())));
		return template;
	}

	/**
	 * Spring Session's filter gets the session repository that can answer its second
	 * read.
	 */
	@Bean
	static BeanPostProcessor sessionRereadRepository() {
		return new BeanPostProcessor() {

			@Override
			public Object postProcessAfterInitialization(Object bean, String beanName) {
				return bean instanceof JdbcIndexedSessionRepository database
						? new SessionRereadFilter.Repository(database) : bean;
			}

		};
	}

	/** For every dispatch, so that it closes whatever it opens. */
	@Bean
	FilterRegistrationBean<SessionRereadFilter> sessionRereadFilter() {
		var registration = new FilterRegistrationBean<>(new SessionRereadFilter());
		registration.setOrder(RequestPipeline.SESSION_REREAD);
		registration.setDispatcherTypes(EnumSet.allOf(DispatcherType.class));
		return registration;
	}

}
