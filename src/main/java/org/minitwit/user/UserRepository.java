package org.minitwit.user;

import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import static org.minitwit.system.Rows.requireOne;

/** The {@code users} table. Names are looked up by their case-folded key. */
@Repository
public class UserRepository {

	private final JdbcClient jdbc;

	UserRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public Optional<User> findByUsername(String username) {
		return jdbc.sql("""
				SELECT user_id, username, email, pw_hash
				FROM users
				WHERE username_key = :key
				""").param("key", Usernames.key(username)).query(User.class).optional();
	}

	/**
	 * @return false if the name (in any letter case) is taken; the unique index decides, so two
	 * concurrent registrations of one name cannot both succeed
	 */
	public boolean create(String username, String email, String pwHash) {
		try {
			requireOne(jdbc.sql("""
					INSERT INTO users (username, username_key, email, pw_hash)
					VALUES (:username, :key, :email, :pwHash)
					""")
				.param("username", username)
				.param("key", Usernames.key(username))
				.param("email", email)
				.param("pwHash", pwHash)
				.update());
			return true;
		}
		catch (DuplicateKeyException taken) {
			return false;
		}
	}

}
