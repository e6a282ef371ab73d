package org.minitwit.system;

import java.util.EnumSet;

import jakarta.servlet.DispatcherType;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;
import org.springframework.session.web.http.SessionRepositoryFilter;

/** The shared session store's cost per request (see {@link SessionRereadFilter}). */
@Configuration(proxyBeanMethods = false)
class SessionStoreConfig {

	/** Spring Session's filter gets the session repository that can answer its second read. */
	@Bean
	static BeanPostProcessor sessionRereadRepository() {
		return new BeanPostProcessor() {

			@Override
			public Object postProcessAfterInitialization(Object bean, String beanName) {
				return bean instanceof JdbcIndexedSessionRepository database ? new SessionRereadFilter.Repository(database)
						: bean;
			}

		};
	}

	/** Just outside Spring Session's filter, for every dispatch, so that it closes whatever it opens. */
	@Bean
	FilterRegistrationBean<SessionRereadFilter> sessionRereadFilter() {
		var registration = new FilterRegistrationBean<>(new SessionRereadFilter());
		registration.setOrder(SessionRepositoryFilter.DEFAULT_ORDER - 1);
		registration.setDispatcherTypes(EnumSet.allOf(DispatcherType.class));
		return registration;
	}

}
