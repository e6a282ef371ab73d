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
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.minitwit.user.Usernames;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Slows down password guessing: after {@value #MAX_FAILURES_PER_USERNAME} failed sign-ins
 * for one username, or {@value #MAX_FAILURES_PER_ADDRESS} from one client address,
 * further attempts for it are refused until {@link #WINDOW} (15 minutes) after its first
 * failure, whichever instance they reach, since the counts live in the shared database.
 * <p>
 * The window is fixed, not sliding, so that nobody can be locked out for longer than 15
 * minutes at a time, and refused attempts do not count. The username limit stops guessing
 * one password from many addresses; the address limit stops trying a few passwords on
 * many usernames, and bounds how many usernames one address can lock. IPv6 clients are
 * counted per /64, the block a single subscriber usually has. Concurrent attempts are
 * checked before they are counted, so a burst of parallel requests can overshoot a limit
 * by at most the number in flight.
 */
@Component
class SignInThrottle {

	static final int MAX_FAILURES_PER_USERNAME = 10;

	static final int MAX_FAILURES_PER_ADDRESS = 50;

	static final Duration WINDOW = Duration.ofMinutes(15);

	/** Each instance deletes expired windows at most this often, on a failed sign-in. */
	private static final Duration CLEANUP_INTERVAL = Duration.ofMinutes(1);

	private static final Log log = LogFactory.getLog(SignInThrottle.class);

	private final SignInAttemptRepository attempts;

	private final Clock clock;

	private final AtomicLong nextCleanup = new AtomicLong();

	@Autowired
	SignInThrottle(SignInAttemptRepository attempts) {
		this(attempts, Clock.systemUTC());
	}

	SignInThrottle(SignInAttemptRepository attempts, Clock clock) {
		this.attempts = attempts;
		this.clock = clock;
	}

	/**
	 * @return how long until a sign-in for this username from this address is allowed;
	 * empty if it is now
	 */
	Optional<Duration> refusal(String username, String address) {
		long now = clock.millis();
		var limits = List.of(new Limit(usernameKey(username), MAX_FAILURES_PER_USERNAME),
				new Limit(addressKey(address), MAX_FAILURES_PER_ADDRESS));
		long waitMillis = 0;
		for (var window : attempts.openWindows(limits.stream().map(Limit::key).toList(), now - WINDOW.toMillis())) {
			for (var limit : limits) {
				if (limit.key().equals(window.key()) && window.failures() >= limit.maxFailures()) {
					waitMillis = Math.max(waitMillis, window.start() + WINDOW.toMillis() - now);
				}
			}
		}
		return waitMillis > 0 ? Optional.of(Duration.ofMillis(waitMillis)) : Optional.empty();
	}

	void failed(String username, String address) {
		long now = clock.millis();
		long startedAfter = now - WINDOW.toMillis();
		String usernameKey = usernameKey(username);
		String addressKey = addressKey(address);
		attempts.countFailure(usernameKey, now, startedAfter);
		attempts.countFailure(addressKey, now, startedAfter);
		// Told once per window, when a limit is reached; neither the typed name (which
		// may be a
		// password typed into the wrong field) nor the password is ever logged.
		for (var window : attempts.openWindows(List.of(usernameKey, addressKey), startedAfter)) {
			if (window.key().equals(usernameKey) && window.failures() == MAX_FAILURES_PER_USERNAME) {
				log.warn("Sign-in refused for " + WINDOW.toMinutes() + " min for one username after "
						+ MAX_FAILURES_PER_USERNAME + " failed attempts (the last from " + address + ")");
			}
			if (window.key().equals(addressKey) && window.failures() == MAX_FAILURES_PER_ADDRESS) {
				log.warn("Sign-in refused for " + WINDOW.toMinutes() + " min from " + address + " after "
						+ MAX_FAILURES_PER_ADDRESS + " failed attempts");
			}
		}
		long cleanupDue = nextCleanup.get();
		if (now >= cleanupDue && nextCleanup.compareAndSet(cleanupDue, now + CLEANUP_INTERVAL.toMillis())) {
			attempts.deleteExpired(startedAfter);
		}
	}

	/**
	 * The username's failures are forgiven; the address's are not, or one account could
	 * reset them.
	 */
	void succeeded(String username) {
		attempts.forget(usernameKey(username));
	}

	private record Limit(String key, int maxFailures) {
	}

	/** The name as sign-in looks it up, so that "Alice" and " alice" share one count. */
	static String usernameKey(String username) {
		return sha256("username:" + Usernames.key(username));
	}

	static String addressKey(String address) {
		return sha256("address:" + subscriber(address));
	}

	/** An IPv4 address, or the /64 block of an IPv6 address. */
	private static String subscriber(String address) {
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

	private static String sha256(String text) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every Java runtime has SHA-256", ex);
		}
	}

}
