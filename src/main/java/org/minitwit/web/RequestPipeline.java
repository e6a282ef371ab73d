package org.minitwit.web;

import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;

import org.thymeleaf.ITemplateEngine;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.session.web.http.SessionRepositoryFilter;

/**
 * Every servlet filter a request passes before it reaches a controller, in order, and why
 * each is there. MiniTwit's own filters are registered beside the code of their concern
 * with their order from here; the framework's filters keep their default orders, which
 * these are placed around. RequestPipelineTests checks the running application's chain
 * against {@link #FILTERS}.
 * <ol>
 * <li>{@code characterEncodingFilter} (Boot): forms and query strings are read as
 * UTF-8.</li>
 * <li>{@code webMvcObservationFilter} (Boot): times every request, error pages
 * included.</li>
 * <li>{@code requestIdFilter}: the request's id, on every answer and in every log line of
 * the request, error pages included; first of MiniTwit's own, so that all of them log
 * with it.</li>
 * <li>{@code instanceHeaderFilter}: names the instance that answered, on every answer,
 * when {@code minitwit.instance-id} is set.</li>
 * <li>{@code malformedParametersFilter}: parameters that cannot be read are a 400 (or
 * 413) page here, not an exception logged with its stack trace further in.</li>
 * <li>{@code databaseOutageFilter}: the 503 page wherever the database fails, also inside
 * the session filters below, which is why it is outside them.</li>
 * <li>{@code sessionRequestScope}: the request's scope for what the session store
 * remembers of it (the session it saved, so that Spring Session's second read of it costs
 * nothing).</li>
 * <li>{@code springSessionRepositoryFilter} (Spring Session): the session shared by all
 * instances.</li>
 * <li>{@code formContentFilter} (Boot): form bodies of PUT, PATCH and DELETE.</li>
 * <li>{@code requestContextFilter} (Boot): the request for code that is not handed
 * it.</li>
 * <li>{@code springSecurityFilterChain} (Spring Security): who is signed in, CSRF, which
 * requests need a signed-in user, security headers; on the simulator API's paths, its own
 * chain instead, with its credentials and {@code latest} (ApiSecurityConfig).</li>
 * <li>{@code controlCharacterFilter}: a form holding control characters is a 400; after
 * Spring Security, so that a form without its CSRF token is a 403 whatever it holds.</li>
 * <li>{@code replicaReads}, only with a read replica: whether this request's reads may go
 * to it, and the same request again on the primary when they fail there; last, so that
 * handling it again runs nothing but the controller.</li>
 * </ol>
 */
@Configuration(proxyBeanMethods = false)
public class RequestPipeline {

	public static final int REQUEST_ID = Ordered.HIGHEST_PRECEDENCE + 2;

	public static final int INSTANCE_HEADER = REQUEST_ID + 1;

	public static final int MALFORMED_PARAMETERS = INSTANCE_HEADER + 1;

	public static final int DATABASE_OUTAGE = MALFORMED_PARAMETERS + 1;

	public static final int SESSION_REQUEST_SCOPE = SessionRepositoryFilter.DEFAULT_ORDER - 1;

	public static final int CONTROL_CHARACTERS = SecurityFilterProperties.DEFAULT_FILTER_ORDER + 1;

	public static final int REPLICA_READS = CONTROL_CHARACTERS + 1;

	/** The chain in order, by filter name, as the framework registers it. */
	static final List<String> FILTERS = List.of("characterEncodingFilter", "webMvcObservationFilter", "requestIdFilter",
			"instanceHeaderFilter", "malformedParametersFilter", "databaseOutageFilter", "sessionRequestScope",
			"springSessionRepositoryFilter", "formContentFilter", "requestContextFilter", "springSecurityFilterChain",
			"controlCharacterFilter");

	@Bean
	FilterRegistrationBean<RequestIdFilter> requestIdFilter() {
		var registration = registered(new RequestIdFilter(), REQUEST_ID);
		registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ERROR);
		return registration;
	}

	@Bean
	@ConditionalOnProperty("minitwit.instance-id")
	FilterRegistrationBean<InstanceHeaderFilter> instanceHeaderFilter(InstanceProperties instance) {
		return registered(new InstanceHeaderFilter(instance.instanceId()), INSTANCE_HEADER);
	}

	@Bean
	FilterRegistrationBean<MalformedParametersFilter> malformedParametersFilter() {
		return registered(new MalformedParametersFilter(), MALFORMED_PARAMETERS);
	}

	@Bean
	FilterRegistrationBean<DatabaseOutageFilter> databaseOutageFilter(ITemplateEngine templates, MeterRegistry meters) {
		return registered(new DatabaseOutageFilter(templates, meters), DATABASE_OUTAGE);
	}

	@Bean
	FilterRegistrationBean<ControlCharacterFilter> controlCharacterFilter() {
		return registered(new ControlCharacterFilter(), CONTROL_CHARACTERS);
	}

	private static <F extends Filter> FilterRegistrationBean<F> registered(F filter, int order) {
		var registration = new FilterRegistrationBean<>(filter);
		registration.setOrder(order);
		return registration;
	}

}
