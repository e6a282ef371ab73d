package org.minitwit.security;

import java.util.concurrent.Semaphore;
import java.util.function.Supplier;

import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Runs at most a few password hashes at a time; the others wait their turn. Each Argon2
 * hash takes 19 MiB of heap while it runs, so without a limit a burst of sign-ups or
 * sign-ins (a dozen at once is enough for a 256 MiB heap) ends in an OutOfMemoryError.
 * Hashing is CPU-bound, so more hashes at once than cores would not finish any sooner
 * anyway.
 */
final class ConcurrencyLimitedPasswordEncoder implements PasswordEncoder {

	private final PasswordEncoder encoder;

	private final Semaphore permits;

	ConcurrencyLimitedPasswordEncoder(PasswordEncoder encoder, int concurrency) {
		this.encoder = encoder;
		this.permits = new Semaphore(concurrency, true);
	}

	@Override
	public String encode(CharSequence rawPassword) {
		return limited(() -> encoder.encode(rawPassword));
	}

	@Override
	public boolean matches(CharSequence rawPassword, String encodedPassword) {
		return limited(() -> encoder.matches(rawPassword, encodedPassword));
	}

	@Override
	public boolean upgradeEncoding(String encodedPassword) {
		return encoder.upgradeEncoding(encodedPassword);
	}

	private <T> T limited(Supplier<T> hashing) {
		try {
			permits.acquire();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while waiting to hash a password", ex);
		}
		try {
			return hashing.get();
		}
		finally {
			permits.release();
		}
	}

}
