package org.minitwit.user;

import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import static org.minitwit.system.Rows.requireOne;

/** The {@code users} table. Names are looked up by their case-folded key. */
@Repository
public class UserRepository {

	/** The viewer of a page who is not signed in: no user has this id, so they follow nobody. */
	public static final long NOBODY = 0;

	/** Maps by position: user_id, username, email, pw_hash, as the queries select them. */
	private static final RowMapper<User> USER = (rs, row) -> new User(rs.getLong(1), rs.getString(2), rs.getString(3),
			rs.getString(4));

	private final JdbcClient jdbc;

	UserRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public Optional<User> findByUsername(String username) {
		return jdbc.sql("""
				SELECT user_id, username, email, pw_hash
				FROM users
				WHERE username_key = :key
				""").param("key", Usernames.key(username)).query(USER).optional();
	}

	/**
	 * The user of a user page and whether the viewer follows them, in one statement rather than
	 * two: the page needs both, and a signed-in page costs few enough statements that one more is a
	 * fifth of it. The follower table is FollowerRepository's; this only reads it.
	 *
	 * @param viewerId the signed-in user, or {@link #NOBODY} for a signed-out visitor
	 */
	public Optional<Profile> findProfile(String username, long viewerId) {
		return jdbc.sql("""
				SELECT u.user_id, u.username, u.email, u.pw_hash,
				       EXISTS (SELECT 1 FROM follower f WHERE f.who_id = :viewer AND f.whom_id = u.user_id) AS followed
				FROM users u
				WHERE u.username_key = :key
				""")
			.param("key", Usernames.key(username))
			.param("viewer", viewerId)
			.query((rs, row) -> new Profile(USER.mapRow(rs, row), rs.getBoolean(5)))
			.optional();
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
