package org.minitwit.support;

import org.junit.jupiter.api.BeforeEach;
import org.minitwit.user.User;
import org.minitwit.user.UserRepository;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.minitwit.support.TestUsers.register;

/**
 * Repository tests about what users do to each other start from three registered users.
 */
@Import(UserRepository.class)
public abstract class ThreeUsersTests {

	@Autowired
	protected UserRepository users;

	@Autowired
	protected JdbcClient jdbc;

	protected User alice;

	protected User bob;

	protected User carol;

	@BeforeEach
	void registerThreeUsers() {
		alice = register(users, "alice");
		bob = register(users, "bob");
		carol = register(users, "carol");
	}

}
