package org.minitwit.follow;

import java.util.List;
import java.util.Optional;

import org.minitwit.user.User;
import org.minitwit.user.UserRepository;
import org.minitwit.user.Usernames;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import static org.minitwit.database.Rows.requireAtMostOne;
import static org.minitwit.database.Rows.requireOne;

/**
 * The {@code follower} table: who follows whom. The only code that names the table; other
 * packages use these methods, or a query published here, so that a page still costs one
 * statement.
 */
@Repository
public class FollowerRepository {

	/**
	 * The authors of {@code :userId}'s own timeline, as {@code author_id}: whom they
	 * follow, and themselves. A subquery for the timeline's statements.
	 */
	public static final String TIMELINE_AUTHORS = """
			SELECT whom_id AS author_id FROM follower WHERE who_id = :userId
			UNION
			SELECT :userId""";

	/**
	 * The viewer of a page who is not signed in: no user has this id, so they follow
	 * nobody.
	 */
	public static final long NOBODY = 0;

	private final JdbcClient jdbc;

	FollowerRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Following twice is a no-op: the primary key on the pair refuses the second row. */
	public void follow(long who, long whom) {
		try {
			requireOne(jdbc.sql("INSERT INTO follower (who_id, whom_id) VALUES (:who, :whom)")
				.param("who", who)
				.param("whom", whom)
				.update());
		}
		catch (DuplicateKeyException alreadyFollowing) {
			// the pair exists, which is what was asked for
		}
	}

	public void unfollow(long who, long whom) {
		requireAtMostOne(jdbc.sql("DELETE FROM follower WHERE who_id = :who AND whom_id = :whom")
			.param("who", who)
			.param("whom", whom)
			.update());
	}

	/**
	 * The names of whom a user follows, by user id, the primary key's order, so that a
	 * page of names costs an index range; {@code limit} names at most.
	 */
	public List<String> followedNames(long who, int limit) {
		return jdbc.sql("""
				SELECT u.username
				FROM follower f
				JOIN users u ON u.user_id = f.whom_id
				WHERE f.who_id = :who
				ORDER BY f.whom_id
				LIMIT :limit
				""").param("who", who).param("limit", limit).query(String.class).list();
	}

	/**
	 * The user of a user page and whether the viewer follows them, in one statement: the
	 * page needs both, and a signed-in page costs few enough statements that one more
	 * would be a quarter of it.
	 * @param viewerId the signed-in user, or {@link #NOBODY} for a signed-out visitor
	 */
	public Optional<Profile> findProfile(String username, long viewerId) {
		return jdbc.sql("""
				SELECT %s,
				       EXISTS (SELECT 1 FROM follower f WHERE f.who_id = :viewer AND f.whom_id = u.user_id) AS followed
				FROM users u
				WHERE u.username_key = :key
				""".formatted(UserRepository.USER_COLUMNS))
			.param("key", Usernames.key(username))
			.param("viewer", viewerId)
			.query((rs, row) -> new Profile(UserRepository.USER.mapRow(rs, row), rs.getBoolean(5)))
			.optional();
	}

	/**
	 * A user as someone sees their page: the user, and whether that someone follows them.
	 */
	public record Profile(User user, boolean followedByViewer) {

		public FollowStatus statusFor(long viewerId) {
			return viewerId == user.userId() ? FollowStatus.SELF
					: followedByViewer ? FollowStatus.FOLLOWING : FollowStatus.NOT_FOLLOWING;
		}

	}

	/** What a signed-in user's page of someone says about following them. */
	public enum FollowStatus {

		SELF, FOLLOWING, NOT_FOLLOWING

	}

}
