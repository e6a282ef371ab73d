package org.minitwit.support;

import org.minitwit.user.User;
import org.minitwit.user.UserRepository;

import static org.assertj.core.api.Assertions.assertThat;

/** Users for tests whose subject is something users own. */
public final class TestUsers {

	private TestUsers() {
	}

	public static User register(UserRepository users, String username) {
		assertThat(users.create(username, username + "@example.org", "not-a-real-hash")).as("registered " + username)
			.isTrue();
		return users.findByUsername(username).orElseThrow();
	}

}
