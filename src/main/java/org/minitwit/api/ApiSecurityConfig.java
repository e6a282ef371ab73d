package org.minitwit.api;

import org.minitwit.signin.SignInThrottle;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.savedrequest.NullRequestCache;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * The security chain of the API's paths ({@link ApiPaths}), before the pages' chain. The
 * one exception to CSRF protection, named here: a CSRF attack rides on credentials that
 * the browser adds by itself (a cookie), and the API takes none; every request carries
 * its Basic credentials, and nothing here creates a session or sets a cookie. While the
 * API is off, its paths are served by nothing, so they answer 404 as any unknown path
 * does, rather than the pages' CSRF refusal.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ApiProperties.class)
class ApiSecurityConfig {

	@Bean
	@Order(Ordered.HIGHEST_PRECEDENCE + 1)
	SecurityFilterChain apiSecurityFilterChain(HttpSecurity http, ApiProperties properties, SignInThrottle throttle,
			LatestRepository latest, JsonMapper json) {
		http.securityMatcher(new OrRequestMatcher(ApiPaths.ALL.stream()
			.map(path -> (RequestMatcher) PathPatternRequestMatcher.withDefaults().matcher(path))
			.toList()))
			.csrf(csrf -> csrf.disable())
			.sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.requestCache(cache -> cache.requestCache(new NullRequestCache()))
			.formLogin(form -> form.disable())
			.httpBasic(basic -> basic.disable())
			.logout(logout -> logout.disable());
		if (!properties.on()) {
			http.authorizeHttpRequests(requests -> requests.anyRequest().permitAll());
			return http.build();
		}
		http.authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
			.addFilterBefore(new ApiAccessFilter(properties, throttle, latest, json), AuthorizationFilter.class)
			.exceptionHandling(exceptions -> exceptions.authenticationEntryPoint((request, response,
					failure) -> ApiError.of(HttpStatus.FORBIDDEN, ApiError.NOT_AUTHORIZED).writeTo(response, json)));
		return http.build();
	}

}
