package org.minitwit.follow;

import java.util.List;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import static org.minitwit.system.Rows.requireAtMostOne;
import static org.minitwit.system.Rows.requireOne;

/** The {@code follower} table: who follows whom. */
@Repository
public class FollowerRepository {

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

	public boolean isFollowing(long who, long whom) {
		return jdbc.sql("SELECT COUNT(*) FROM follower WHERE who_id = :who AND whom_id = :whom")
			.param("who", who)
			.param("whom", whom)
			.query(Integer.class)
			.single() > 0;
	}

	public List<Long> followedBy(long who) {
		return jdbc.sql("SELECT whom_id FROM follower WHERE who_id = :who")
			.param("who", who)
			.query((rs, row) -> rs.getLong(1))
			.list();
	}

}
