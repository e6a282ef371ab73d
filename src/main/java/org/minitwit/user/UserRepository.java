package org.minitwit.user;

import java.util.List;
import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import static org.minitwit.database.Rows.requireAtMostOne;
import static org.minitwit.database.Rows.requireOne;

/**
 * The {@code users} table. Names are looked up by their case-folded key
 * ({@link Usernames#key}) and unique also by their look-alike key
 * ({@link Usernames#lookAlikeKey}).
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
	 * @return false if the name (in any letter case, or a name that reads alike) is
	 * taken; the unique indexes decide, so two concurrent registrations of one name
	 * cannot both succeed
	 */
	public boolean create(String username, String email, String pwHash) {
		try {
			requireOne(jdbc.sql("""
					INSERT INTO users (username, username_key, username_skeleton, email, pw_hash)
					VALUES (:username, :key, :skeleton, :email, :pwHash)
					""")
				.param("username", username)
				.param("key", Usernames.key(username))
				.param("skeleton", Usernames.lookAlikeKey(username))
				.param("email", email)
				.param("pwHash", pwHash)
				.update());
			return true;
		}
		catch (DuplicateKeyException taken) {
			return false;
		}
	}

	/**
	 * Users registered before names were unique by their look-alike key, without one yet,
	 * by id, after {@code afterId}.
	 */
	List<User> withoutLookAlikeKey(long afterId, int limit) {
		return jdbc.sql("""
				SELECT %s FROM users u
				WHERE u.username_skeleton IS NULL AND u.user_id > :afterId
				ORDER BY u.user_id
				LIMIT :limit
				""".formatted(USER_COLUMNS)).param("afterId", afterId).param("limit", limit).query(USER).list();
	}

	/**
	 * @return false if another user's name reads alike and holds the key already
	 */
	boolean setLookAlikeKey(long userId, String lookAlikeKey) {
		try {
			requireAtMostOne(jdbc.sql("""
					UPDATE users SET username_skeleton = :skeleton
					WHERE user_id = :userId AND username_skeleton IS NULL
					""").param("skeleton", lookAlikeKey).param("userId", userId).update());
			return true;
		}
		catch (DuplicateKeyException taken) {
			return false;
		}
	}

	Optional<Long> holderOfLookAlikeKey(String lookAlikeKey) {
		return jdbc.sql("SELECT user_id FROM users WHERE username_skeleton = :skeleton")
			.param("skeleton", lookAlikeKey)
			.query(Long.class)
			.optional();
	}

}
