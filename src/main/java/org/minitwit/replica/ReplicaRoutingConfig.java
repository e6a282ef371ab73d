package org.minitwit.replica;

import java.time.Clock;

import io.micrometer.core.instrument.MeterRegistry;
import org.minitwit.database.OnReadReplica;
import org.minitwit.database.ReadRouting;
import org.minitwit.database.ReplicaProperties;
import org.minitwit.web.RequestPipeline;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * With {@code DB_READ_HOST} set: the lag check, the filter that decides per request and
 * the interceptor that routes {@link ReadsOnly} handlers. Without it none of them exist,
 * and a request costs what it cost before there were replicas.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(OnReadReplica.class)
class ReplicaRoutingConfig implements WebMvcConfigurer {

	private final ReadRouting routing;

	ReplicaRoutingConfig(ReadRouting routing) {
		this.routing = routing;
	}

	@Bean(initMethod = "start")
	ReplicaLag replicaLag(ReplicaProperties properties, MeterRegistry meters) {
		return new ReplicaLag(routing.replica(), properties, routing.describeReplica(), meters);
	}

	@Bean
	FilterRegistrationBean<ReplicaReads> replicaReads(ReplicaLag lag, ReplicaProperties properties) {
		var registration = new FilterRegistrationBean<>(
				new ReplicaReads(new PrimaryPin(properties.pinWindow(), Clock.systemUTC()), lag));
		registration.setOrder(RequestPipeline.REPLICA_READS);
		return registration;
	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		registry.addInterceptor(new ReadOnlyHandlers(routing));
	}

}
