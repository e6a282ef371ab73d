package org.minitwit.signin;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.minitwit.user.Usernames;
import org.minitwit.web.LogText;

import org.springframework.stereotype.Component;

import static org.minitwit.signin.FixedWindows.WINDOW;

/**
 * Bounds password guessing without letting anyone lock the owner out, after OWASP's
 * device cookies. Per window of 15 minutes ({@link FixedWindows}), shared by all
 * instances:
 * <ul>
 * <li>a name takes at most {@value #MAX_FAILURES_PER_NAME_AND_ADDRESS} failures from one
 * address, and {@value #MAX_FAILURES_PER_NAME} from all addresses together;</li>
 * <li>an address takes at most {@value #MAX_FAILURES_PER_ADDRESS} failures for all names
 * together (trying a few passwords on many names);</li>
 * <li>a browser in which the name signed in before ({@link DeviceCookies}) is exempt from
 * these three, since an attacker cannot have its cookie: its failures count against it
 * alone, and after {@value #MAX_FAILURES_PER_DEVICE} it is a browser like any other until
 * the window ends.</li>
 * </ul>
 * A limit reached refuses the attempt before the password is looked at, so a refused
 * attempt tells nothing, even with the right password. So guessing one name is bounded
 * per address and in total, an attacker can at worst lock the name out for browsers it
 * has never signed in from, and an office behind one address keeps its regulars in. The
 * address limit is public for other ways of signing in (HTTP Basic) to share.
 */
@Component
public class SignInThrottle {

	static final int MAX_FAILURES_PER_NAME_AND_ADDRESS = 10;

	static final int MAX_FAILURES_PER_NAME = 50;

	static final int MAX_FAILURES_PER_ADDRESS = 50;

	static final int MAX_FAILURES_PER_DEVICE = 10;

	private static final Log log = LogFactory.getLog(SignInThrottle.class);

	private final FixedWindows windows;

	SignInThrottle(FixedWindows windows) {
		this.windows = windows;
	}

	/**
	 * A sign-in: the name as typed, the client's address, and the device id of the
	 * browser's cookie if it holds a valid one for that name.
	 */
	record Attempt(String username, String address, Optional<String> device) {
	}

	/**
	 * @return how long until this attempt would be allowed; empty if it is now
	 */
	Optional<Duration> refusal(Attempt attempt) {
		if (isTrustedDevice(attempt)) {
			return Optional.empty();
		}
		var name = nameKey(attempt.username());
		var address = addressKey(attempt.address());
		return windows.refusal(List.of(new FixedWindows.Limit(name, MAX_FAILURES_PER_NAME),
				new FixedWindows.Limit(nameAtAddressKey(attempt), MAX_FAILURES_PER_NAME_AND_ADDRESS),
				new FixedWindows.Limit(address, MAX_FAILURES_PER_ADDRESS)));
	}

	void failed(Attempt attempt) {
		if (isTrustedDevice(attempt)) {
			windows.count(List.of(deviceKey(attempt.device().orElseThrow())));
			return;
		}
		var keys = new ArrayList<>(List.of(nameKey(attempt.username()), nameAtAddressKey(attempt)));
		keys.add(addressKey(attempt.address()));
		// Told once per window, when a limit is reached; neither the typed name (which
		// may be a password typed into the wrong field) nor the password is ever logged.
		for (var window : windows.count(keys)) {
			if (window.key().equals(keys.get(0)) && window.failures() == MAX_FAILURES_PER_NAME) {
				log.warn(refused("for one username after " + MAX_FAILURES_PER_NAME + " failed attempts from anywhere"));
			}
			if (window.key().equals(keys.get(1)) && window.failures() == MAX_FAILURES_PER_NAME_AND_ADDRESS) {
				log.warn(refused("for one username from " + LogText.of(attempt.address()) + " after "
						+ MAX_FAILURES_PER_NAME_AND_ADDRESS + " failed attempts"));
			}
			if (window.key().equals(keys.get(2)) && window.failures() == MAX_FAILURES_PER_ADDRESS) {
				addressLimitReached(attempt.address());
			}
		}
	}

	/**
	 * The device's own failures are forgiven; no other count is, or guessing could reset
	 * them.
	 */
	void succeeded(Attempt attempt) {
		attempt.device().ifPresent(device -> windows.forget(deviceKey(device)));
	}

	/**
	 * For other ways of signing in, which have no device cookie: whether failures from
	 * this client address have reached its limit.
	 * @return how long until the address may try again; empty if it may now
	 */
	public Optional<Duration> addressRefusal(String address) {
		return windows.refusal(List.of(new FixedWindows.Limit(addressKey(address), MAX_FAILURES_PER_ADDRESS)));
	}

	/** For other ways of signing in: counts a failure from this client address. */
	public void addressFailed(String address) {
		for (var window : windows.count(List.of(addressKey(address)))) {
			if (window.failures() == MAX_FAILURES_PER_ADDRESS) {
				addressLimitReached(address);
			}
		}
	}

	private boolean isTrustedDevice(Attempt attempt) {
		return attempt.device().isPresent() && windows
			.refusal(List.of(new FixedWindows.Limit(deviceKey(attempt.device().get()), MAX_FAILURES_PER_DEVICE)))
			.isEmpty();
	}

	private static void addressLimitReached(String address) {
		log.warn(refused("from " + LogText.of(address) + " after " + MAX_FAILURES_PER_ADDRESS + " failed attempts"));
	}

	private static String refused(String why) {
		return "Sign-in refused for " + WINDOW.toMinutes() + " min " + why;
	}

	/** The name as sign-in looks it up, so that "Alice" and " alice" share one count. */
	private static String nameKey(String username) {
		return FixedWindows.key("username", Usernames.key(username));
	}

	private static String nameAtAddressKey(Attempt attempt) {
		return FixedWindows.key("username-at-address",
				Usernames.key(attempt.username()) + "\0" + FixedWindows.subscriber(attempt.address()));
	}

	private static String addressKey(String address) {
		return FixedWindows.key("address", FixedWindows.subscriber(address));
	}

	private static String deviceKey(String device) {
		return FixedWindows.key("device", device);
	}

}
