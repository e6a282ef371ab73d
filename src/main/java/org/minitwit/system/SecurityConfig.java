package org.minitwit.system;

import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AuthenticationTrustResolverImpl;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.session.ChangeSessionIdAuthenticationStrategy;
import org.springframework.security.web.authentication.session.CompositeSessionAuthenticationStrategy;
import org.springframework.security.web.authentication.session.SessionAuthenticationStrategy;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.csrf.CsrfAuthenticationStrategy;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.security.web.csrf.CsrfTokenRepository;
import org.springframework.security.web.csrf.HttpSessionCsrfTokenRepository;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.savedrequest.NullRequestCache;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Spring Security supplies CSRF protection, the session-id change at sign-in, security headers
 * and the password encoder. Sign-in itself is MiniTwit's own (SignInController), so that its
 * rules and messages stay exactly the original's.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfig {

	/** The state-changing actions: CSRF applies to these; any other request changes nothing. */
	private static final RequestMatcher ACTIONS = new OrRequestMatcher(
			PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, "/login"),
			PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, "/register"),
			PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, "/logout"),
			PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, "/add_message"),
			PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, "/*/follow"),
			PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, "/*/unfollow"));

	private static final RequestMatcher NEEDS_SIGN_IN = new OrRequestMatcher(
			PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, "/add_message"),
			PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, "/*/follow"),
			PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, "/*/unfollow"));

	/** Argon2 hashes running at once; each holds 19 MiB of heap. */
	private static final int MAX_CONCURRENT_HASHES = 4;

	static final String CONTENT_SECURITY_POLICY = "default-src 'self'; img-src 'self' https://www.gravatar.com; "
			+ "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

	@Bean
	SecurityFilterChain securityFilterChain(HttpSecurity http, SecurityContextRepository contexts,
			CsrfTokenRepository csrfTokens) {
		var signIn = new LoginUrlAuthenticationEntryPoint("/login");
		http.authorizeHttpRequests(requests -> requests.requestMatchers(NEEDS_SIGN_IN)
			.authenticated()
			.anyRequest()
			.permitAll())
			.securityContext(context -> context.securityContextRepository(contexts))
			.csrf(csrf -> csrf.csrfTokenRepository(csrfTokens).requireCsrfProtectionMatcher(ACTIONS))
			.requestCache(cache -> cache.requestCache(new NullRequestCache()))
			.exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(signIn)
				.accessDeniedHandler(signInOrForbidden()))
			.headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
				.referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.SAME_ORIGIN)))
			.formLogin(form -> form.disable())
			.httpBasic(basic -> basic.disable())
			.logout(logout -> logout.disable());
		return http.build();
	}

	/**
	 * A signed-out visitor whose form carries no valid CSRF token (a session that expired, say)
	 * is sent to sign in, as for any signed-out action; everyone else gets the 403 page.
	 */
	private static AccessDeniedHandler signInOrForbidden() {
		var trust = new AuthenticationTrustResolverImpl();
		return (request, response, denied) -> {
			boolean signedOut = !trust.isAuthenticated(SecurityContextHolder.getContext().getAuthentication());
			if (denied instanceof CsrfException && signedOut && NEEDS_SIGN_IN.matches(request)) {
				response.sendRedirect("/login");
			}
			else {
				response.sendError(HttpServletResponse.SC_FORBIDDEN);
			}
		};
	}

	@Bean
	SecurityContextRepository securityContextRepository() {
		return new HttpSessionSecurityContextRepository();
	}

	@Bean
	CsrfTokenRepository csrfTokenRepository() {
		return new HttpSessionCsrfTokenRepository();
	}

	/** At sign-in: a new session id (no fixation) and a new CSRF token. */
	@Bean
	SessionAuthenticationStrategy sessionAuthenticationStrategy(CsrfTokenRepository csrfTokens) {
		return new CompositeSessionAuthenticationStrategy(List.of(new ChangeSessionIdAuthenticationStrategy(),
				new CsrfAuthenticationStrategy(csrfTokens)));
	}

	/**
	 * Argon2id at OWASP's minimum (19 MiB, 2 iterations, 1 lane); unlike bcrypt, every character of
	 * a long password counts. Delegating, so stored hashes name their algorithm and can be upgraded.
	 * At most one hash per core and never more than {@value #MAX_CONCURRENT_HASHES} at once, so that
	 * hashing holds at most 76 MiB of heap however many sign-ins arrive together.
	 */
	@Bean
	PasswordEncoder passwordEncoder() {
		return new ConcurrencyLimitedPasswordEncoder(
				new DelegatingPasswordEncoder("argon2", Map.of("argon2", new Argon2PasswordEncoder(16, 32, 1, 19 * 1024, 2))),
				Math.min(MAX_CONCURRENT_HASHES, Runtime.getRuntime().availableProcessors()));
	}

}
