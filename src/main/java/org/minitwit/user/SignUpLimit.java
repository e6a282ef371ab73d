package org.minitwit.user;

import java.time.Duration;
import java.util.Optional;

/**
 * How many sign-ups a client address may make: each costs a deliberately slow password
 * hash, and makes an account. Kept beside the other limits per address, in the sign-in
 * code, which depends on this package and not the other way round.
 */
public interface SignUpLimit {

	/**
	 * @return how long until the address may sign up again; empty if it may now
	 */
	Optional<Duration> refusal(String address);

	/** Counts a sign-up that got as far as hashing its password. */
	void counted(String address);

}
