package org.minitwit;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a {@link FaultLoad} wrote, as the database has it after the fault: every write the
 * users saw acknowledged is there exactly once, a write they saw fail is there at most
 * once (it may have committed before the failure reached them), and no row points
 * nowhere.
 */
record StoredWrites(int postsAcknowledged, int postsFound, int postsNotAcknowledged, int postsNotAcknowledgedButStored,
		int followsAcknowledged, int signUpsAcknowledged, int signUpsNotAcknowledgedButStored) {

	static StoredWrites check(Connection connection, FaultLoad load) throws SQLException {
		var posts = countsOf(connection, "SELECT text, COUNT(*) FROM message GROUP BY text");
		var users = countsOf(connection, "SELECT username, COUNT(*) FROM users GROUP BY username");
		var follows = follows(connection);

		assertThat(load.acknowledgedPosts).as("acknowledged posts, each stored exactly once")
			.allSatisfy(text -> assertThat(posts.getOrDefault(text, 0)).as(text).isEqualTo(1));
		assertThat(load.unacknowledgedPosts).as("posts that failed, stored at most once")
			.allSatisfy(text -> assertThat(posts.getOrDefault(text, 0)).as(text).isLessThanOrEqualTo(1));
		assertThat(load.acknowledgedSignUps).as("acknowledged sign-ups, each a user")
			.allSatisfy(name -> assertThat(users.getOrDefault(name, 0)).as(name).isEqualTo(1));
		assertThat(load.usernames).as("the load's users").allSatisfy(name -> assertThat(users.get(name)).isEqualTo(1));
		assertThat(follows).as("acknowledged follows").containsAll(load.acknowledgedFollows);
		assertThat(posts.values()).as("no text stored twice").allSatisfy(count -> assertThat(count).isOne());
		assertThat(users.values()).as("no username twice").allSatisfy(count -> assertThat(count).isOne());
		assertThat(orphans(connection)).as("rows pointing nowhere").isEmpty();

		int notAcknowledgedButStored = (int) load.unacknowledgedPosts.stream().filter(posts::containsKey).count();
		int signUpsStored = (int) load.unacknowledgedSignUps.stream().filter(users::containsKey).count();
		return new StoredWrites(load.acknowledgedPosts.size(),
				(int) load.acknowledgedPosts.stream().filter(posts::containsKey).count(),
				load.unacknowledgedPosts.size(), notAcknowledgedButStored, load.acknowledgedFollows.size(),
				load.acknowledgedSignUps.size(), signUpsStored);
	}

	private static Map<String, Integer> countsOf(Connection connection, String sql) throws SQLException {
		var counts = new HashMap<String, Integer>();
		try (var statement = connection.createStatement(); var rows = statement.executeQuery(sql)) {
			while (rows.next()) {
				counts.put(rows.getString(1), rows.getInt(2));
			}
		}
		return counts;
	}

	private static Set<Map.Entry<String, String>> follows(Connection connection) throws SQLException {
		var pairs = new HashSet<Map.Entry<String, String>>();
		try (var statement = connection.createStatement(); var rows = statement.executeQuery("""
				SELECT who.username, whom.username FROM follower f
				JOIN users who ON who.user_id = f.who_id JOIN users whom ON whom.user_id = f.whom_id""")) {
			while (rows.next()) {
				assertThat(pairs.add(Map.entry(rows.getString(1), rows.getString(2)))).as("follower pair unique")
					.isTrue();
			}
		}
		return pairs;
	}

	/**
	 * Followers and messages of users that do not exist, session attributes of sessions
	 * that do not.
	 */
	private static Map<String, Integer> orphans(Connection connection) throws SQLException {
		var orphans = new HashMap<String, Integer>();
		var checks = Map.of("follower without its users", """
				SELECT COUNT(*) FROM follower f LEFT JOIN users who ON who.user_id = f.who_id
				LEFT JOIN users whom ON whom.user_id = f.whom_id WHERE who.user_id IS NULL OR whom.user_id IS NULL""",
				"message without its author",
				"""
						SELECT COUNT(*) FROM message m LEFT JOIN users u ON u.user_id = m.author_id WHERE u.user_id IS NULL""",
				"session attribute without its session",
				"""
						SELECT COUNT(*) FROM SPRING_SESSION_ATTRIBUTES a
						LEFT JOIN SPRING_SESSION s ON s.PRIMARY_ID = a.SESSION_PRIMARY_ID WHERE s.PRIMARY_ID IS NULL""");
		for (var check : checks.entrySet()) {
			try (var statement = connection.createStatement(); var rows = statement.executeQuery(check.getValue())) {
				rows.next();
				if (rows.getInt(1) > 0) {
					orphans.put(check.getKey(), rows.getInt(1));
				}
			}
		}
		return orphans;
	}

	@Override
	public String toString() {
		return postsAcknowledged + " posts acknowledged, " + postsFound + " of them found once; " + postsNotAcknowledged
				+ " not acknowledged, of which " + postsNotAcknowledgedButStored + " stored anyway; "
				+ followsAcknowledged + " follows acknowledged and found; " + signUpsAcknowledged
				+ " sign-ups acknowledged and found, " + signUpsNotAcknowledgedButStored
				+ " not acknowledged but stored";
	}

}
