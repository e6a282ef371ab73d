package org.minitwit.browser;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

import org.minitwit.timeline.MessageRepository;
import org.minitwit.user.User;
import org.minitwit.user.UserRepository;

import org.springframework.security.crypto.password.PasswordEncoder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Users and messages written straight into the database, where how they got there is not
 * what a test is about.
 */
class Seed {

	private static final AtomicInteger names = new AtomicInteger();

	private final UserRepository users;

	private final MessageRepository messages;

	private final PasswordEncoder passwords;

	private String passwordHash;

	Seed(UserRepository users, MessageRepository messages, PasswordEncoder passwords) {
		this.users = users;
		this.messages = messages;
		this.passwords = passwords;
	}

	/** A new user named {@code <prefix>-<n>}, with the main flow's password. */
	User user(String prefix) {
		String username = prefix + "-" + names.incrementAndGet();
		assertThat(users.create(username, username.toLowerCase() + "@example.com", passwordHash())).isTrue();
		return users.findByUsername(username).orElseThrow();
	}

	void message(User author, String text, Instant at) {
		messages.add(author.userId(), text, at.getEpochSecond());
	}

	/** One Argon2 hash for all users: hashing is deliberately slow. */
	private synchronized String passwordHash() {
		if (passwordHash == null) {
			passwordHash = passwords.encode(MainFlow.PASSWORD);
		}
		return passwordHash;
	}

}
