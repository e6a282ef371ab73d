package org.minitwit.signin;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Counts attempts per key in fixed windows of {@link #WINDOW} (15 minutes) that start at
 * a key's first attempt, in the shared database, so that every instance sees every
 * attempt. The window is fixed, not sliding, so that nobody is refused for longer than 15
 * minutes at a time, and refused attempts are not counted. Attempts arriving at once are
 * checked before they are counted, so a burst of parallel requests can overshoot a limit
 * by at most the number in flight. Keys are SHA-256 hashes: nothing typed is stored.
 */
@Component
class FixedWindows {

	static final Duration WINDOW = Duration.ofMinutes(15);

	/** Each instance deletes expired windows at most this often, when it counts. */
	private static final Duration CLEANUP_INTERVAL = Duration.ofMinutes(1);

	private final SignInAttemptRepository attempts;

	private final Clock clock;

	private final AtomicLong nextCleanup = new AtomicLong();

	@Autowired
	FixedWindows(SignInAttemptRepository attempts) {
		this(attempts, Clock.systemUTC());
	}

	FixedWindows(SignInAttemptRepository attempts, Clock clock) {
		this.attempts = attempts;
		this.clock = clock;
	}

	/** At most {@code max} attempts per window for {@code key}. */
	record Limit(String key, int max) {
	}

	/**
	 * @return how long until none of these limits is reached any more; empty if none is
	 */
	Optional<Duration> refusal(Collection<Limit> limits) {
		long now = clock.millis();
		long waitMillis = 0;
		for (var window : attempts.openWindows(limits.stream().map(Limit::key).toList(), now - WINDOW.toMillis())) {
			for (var limit : limits) {
				if (limit.key().equals(window.key()) && window.failures() >= limit.max()) {
					waitMillis = Math.max(waitMillis, window.start() + WINDOW.toMillis() - now);
				}
			}
		}
		return waitMillis > 0 ? Optional.of(Duration.ofMillis(waitMillis)) : Optional.empty();
	}

	/**
	 * Counts one attempt for each key.
	 * @return the keys' open windows, as counted
	 */
	List<SignInAttemptRepository.Window> count(List<String> keys) {
		long now = clock.millis();
		long startedAfter = now - WINDOW.toMillis();
		for (String key : keys) {
			attempts.countFailure(key, now, startedAfter);
		}
		long cleanupDue = nextCleanup.get();
		if (now >= cleanupDue && nextCleanup.compareAndSet(cleanupDue, now + CLEANUP_INTERVAL.toMillis())) {
			attempts.deleteExpired(startedAfter);
		}
		return attempts.openWindows(keys, startedAfter);
	}

	void forget(String key) {
		attempts.forget(key);
	}

	/** The key for a kind of count and what it counts. */
	static String key(String kind, String value) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256")
					.digest((kind + ":" + value).getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every Java runtime has SHA-256", ex);
		}
	}

	/**
	 * A client address as limits count it: an IPv4 address, or the /64 block of an IPv6
	 * address, the block a single subscriber usually has.
	 */
	static String subscriber(String address) {
		if (address == null || !address.contains(":")) {
			return String.valueOf(address);
		}
		try {
			// a literal, so no name is looked up
			byte[] bytes = InetAddress.getByName(address.replaceFirst("%.*$", "")).getAddress();
			if (bytes.length == 16) {
				Arrays.fill(bytes, 8, 16, (byte) 0);
				return ((Inet6Address) InetAddress.getByAddress(bytes)).getHostAddress() + "/64";
			}
			return InetAddress.getByAddress(bytes).getHostAddress();
		}
		catch (UnknownHostException ex) {
			return address;
		}
	}

}
