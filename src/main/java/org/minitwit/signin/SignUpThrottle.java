package org.minitwit.signin;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.minitwit.user.SignUpLimit;

import org.springframework.stereotype.Component;

/**
 * At most {@value #MAX_SIGN_UPS_PER_ADDRESS} sign-ups per client address in a window of
 * 15 minutes ({@link FixedWindows}), whichever instance they reach: enough for a family
 * or a small class behind one address, too few to make accounts in bulk or to keep an
 * instance busy hashing passwords.
 */
@Component
class SignUpThrottle implements SignUpLimit {

	static final int MAX_SIGN_UPS_PER_ADDRESS = 20;

	private final FixedWindows windows;

	SignUpThrottle(FixedWindows windows) {
		this.windows = windows;
	}

	@Override
	public Optional<Duration> refusal(String address) {
		return windows.refusal(List.of(new FixedWindows.Limit(key(address), MAX_SIGN_UPS_PER_ADDRESS)));
	}

	@Override
	public void counted(String address) {
		windows.count(List.of(key(address)));
	}

	private static String key(String address) {
		return FixedWindows.key("sign-up", FixedWindows.subscriber(address));
	}

}
