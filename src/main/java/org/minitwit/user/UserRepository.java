package org.minitwit.user;

import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import static org.minitwit.database.Rows.requireOne;

/**
 * The {@code users} table. Names are looked up by their case-folded key
 * ({@link Usernames#key}).
 */
@Repository
public class UserRepository {

	/** A user's columns from {@code users u}, in the order {@link #USER} maps them. */
	public static final String USER_COLUMNS = "u.user_id, u.username, u.email, u.pw_hash";

	/** Maps by position, as {@link #USER_COLUMNS} selects. */
	public static final RowMapper<User> USER = (rs, row) -> new User(rs.getLong(1), rs.getString(2), rs.getString(3),
			rs.getString(4));

	private final JdbcClient jdbc;

	UserRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public Optional<User> findByUsername(String username) {
		return jdbc.sql("SELECT %s FROM users u WHERE u.username_key = :key".formatted(USER_COLUMNS))
			.param("key", Usernames.key(username))
			.query(USER)
			.optional();
	}

	/**
	 * @return false if the name (in any letter case) is taken; the unique index decides,
	 * so two concurrent registrations of one name cannot both succeed
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
