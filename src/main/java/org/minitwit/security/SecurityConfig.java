package org.minitwit.security;

import java.util.List;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.session.ChangeSessionIdAuthenticationStrategy;
import org.springframework.security.web.authentication.session.CompositeSessionAuthenticationStrategy;
import org.springframework.security.web.authentication.session.SessionAuthenticationStrategy;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.csrf.CsrfAuthenticationStrategy;
import org.springframework.security.web.csrf.CsrfTokenRepository;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.savedrequest.NullRequestCache;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Spring Security's defaults, with three decisions of MiniTwit's own: reading is open to
 * everyone (each page decides what a signed-out visitor sees), every other request needs
 * a signed-in user except the handlers marked {@link PublicForm}, and sign-in itself is
 * MiniTwit's controller, so that its rules and messages stay the original's. CSRF
 * protection is the default one: every request but GET, HEAD, OPTIONS and TRACE, on every
 * path, needs the token, which a signed-out visitor keeps in a cookie rather than in a
 * session ({@link SessionOrCookieCsrfTokens}).
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfig {

	static final String CONTENT_SECURITY_POLICY = "default-src 'self'; img-src 'self' https://www.gravatar.com; "
			+ "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

	/**
	 * No observations of the filter chain, of authentications or of authorizations:
	 * nobody reads them, the request's own timer covers the chain, and without this bean
	 * Spring Security wraps every filter of the chain in one for every request.
	 */
	@Bean
	static SecurityObservationSettings noSecurityObservations() {
		return SecurityObservationSettings.noObservations();
	}

	@Bean
	SecurityFilterChain securityFilterChain(HttpSecurity http, SecurityContextRepository contexts,
			CsrfTokenRepository csrfTokens,
			@Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping handlers) {
		http.authorizeHttpRequests(requests -> requests.requestMatchers(HttpMethod.GET)
			.permitAll()
			.requestMatchers(HttpMethod.HEAD)
			.permitAll()
			.requestMatchers(HttpMethod.OPTIONS)
			.permitAll()
			.requestMatchers(HttpMethod.TRACE)
			.permitAll()
			.requestMatchers(new PublicForms(handlers))
			.permitAll()
			.anyRequest()
			.authenticated())
			.securityContext(context -> context.securityContextRepository(contexts))
			.csrf(csrf -> csrf.csrfTokenRepository(csrfTokens))
			.requestCache(cache -> cache.requestCache(new NullRequestCache()))
			.exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(signInPage()))
			.headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
				.referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.SAME_ORIGIN)))
			.formLogin(form -> form.disable())
			.httpBasic(basic -> basic.disable())
			.logout(logout -> logout.disable());
		return http.build();
	}

	/**
	 * A relative redirect: an absolute one would be built from the request's Host header,
	 * which is the client's to choose.
	 */
	private static LoginUrlAuthenticationEntryPoint signInPage() {
		var signIn = new LoginUrlAuthenticationEntryPoint("/login");
		signIn.setFavorRelativeUris(true);
		return signIn;
	}

	@Bean
	SecurityContextRepository securityContextRepository() {
		return new HttpSessionSecurityContextRepository();
	}

	@Bean
	CsrfTokenRepository csrfTokenRepository() {
		return new SessionOrCookieCsrfTokens();
	}

	/** At sign-in: a new session id (no fixation) and a new CSRF token. */
	@Bean
	SessionAuthenticationStrategy sessionAuthenticationStrategy(CsrfTokenRepository csrfTokens) {
		return new CompositeSessionAuthenticationStrategy(
				List.of(new ChangeSessionIdAuthenticationStrategy(), new CsrfAuthenticationStrategy(csrfTokens)));
	}

}
