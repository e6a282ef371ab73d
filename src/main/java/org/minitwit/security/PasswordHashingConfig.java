package org.minitwit.security;

import java.util.Map;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/** How passwords are hashed, for sign-up and sign-in alike. */
@Configuration(proxyBeanMethods = false)
class PasswordHashingConfig {

	/** Argon2 hashes running at once; each holds 19 MiB of heap while it runs. */
	private static final int MAX_CONCURRENT_HASHES = 4;

	/**
	 * Argon2id at OWASP's minimum (19 MiB, 2 iterations, 1 lane); unlike bcrypt, every
	 * character of a long password counts. Delegating, so stored hashes name their
	 * algorithm and can be upgraded. At most one hash per core and never more than
	 * {@value #MAX_CONCURRENT_HASHES} at once, so that however many sign-ins arrive
	 * together, hashing holds a bounded part of the heap.
	 */
	@Bean
	PasswordEncoder passwordEncoder() {
		return new ConcurrencyLimitedPasswordEncoder(
				new DelegatingPasswordEncoder("argon2",
						Map.of("argon2", new Argon2PasswordEncoder(16, 32, 1, 19 * 1024, 2))),
				Math.min(MAX_CONCURRENT_HASHES, Runtime.getRuntime().availableProcessors()));
	}

}
