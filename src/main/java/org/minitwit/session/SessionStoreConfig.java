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
import org.springframework.session.config.SessionRepositoryCustomizer;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;
import org.springframework.session.jdbc.MySqlJdbcIndexedSessionRepositoryCustomizer;
import org.springframework.session.jdbc.config.annotation.SpringSessionDataSource;

/**
 * The shared session store: Spring Session JDBC in the application's database, made safe
 * for concurrent requests of one session, bounded in time like every other statement, and
 * cheap per request ({@link SharedSessionRepository}).
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
	 * Not a default candidate, so nothing else is handed it in place of Boot's. On the
	 * datasource Spring Session uses, the primary's even with a read replica.
	 */
	@Bean(name = "springSessionTransactionOperations", defaultCandidate = false)
	SessionTransactions springSessionTransactionOperations(@SpringSessionDataSource DataSource dataSource,
			@Value("${spring.jdbc.template.query-timeout}") Duration timeout) {
		return new SessionTransactions(dataSource, timeout);
	}

	/**
	 * Spring Session's filter gets {@link SharedSessionRepository} in place of the JDBC
	 * one.
	 */
	@Bean
	static BeanPostProcessor sharedSessionRepository() {
		return new BeanPostProcessor() {

			@Override
			public Object postProcessAfterInitialization(Object bean, String beanName) {
				return bean instanceof JdbcIndexedSessionRepository database ? new SharedSessionRepository(database)
						: bean;
			}

		};
	}

	/** For every dispatch, so that it closes whatever it opens. */
	@Bean
	FilterRegistrationBean<RequestScope> sessionRequestScope() {
		var registration = new FilterRegistrationBean<>(new RequestScope());
		registration.setOrder(RequestPipeline.SESSION_REQUEST_SCOPE);
		registration.setDispatcherTypes(EnumSet.allOf(DispatcherType.class));
		return registration;
	}

}
