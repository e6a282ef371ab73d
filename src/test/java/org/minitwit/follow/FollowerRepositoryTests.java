package org.minitwit.follow;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.minitwit.follow.FollowerRepository.FollowStatus;
import org.minitwit.follow.FollowerRepository.Profile;
import org.minitwit.support.MiniTwitJdbcSlice;
import org.minitwit.support.Race;
import org.minitwit.support.ThreeUsersTests;
import org.minitwit.user.User;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.minitwit.support.TestUsers.register;

@MiniTwitJdbcSlice
@Import(FollowerRepository.class)
abstract class FollowerRepositoryTests extends ThreeUsersTests {

	@Autowired
	FollowerRepository followers;

	@Test
	void nobodyFollowsAnybodyAtFirst() {
		assertThat(follows(alice.userId(), bob.userId())).isFalse();
		assertThat(followedBy(alice.userId())).isEmpty();
	}

	@Test
	void followingIsOneWay() {
		followers.follow(alice.userId(), bob.userId());

		assertThat(follows(alice.userId(), bob.userId())).isTrue();
		assertThat(follows(bob.userId(), alice.userId())).isFalse();
		assertThat(follows(alice.userId(), carol.userId())).isFalse();
	}

	@Test
	void followingTwiceKeepsOneRow() {
		followers.follow(alice.userId(), bob.userId());
		followers.follow(alice.userId(), bob.userId());

		assertThat(follows(alice.userId(), bob.userId())).isTrue();
		assertThat(followedBy(alice.userId())).containsExactly(bob.userId());
		assertThat(jdbc.sql("SELECT COUNT(*) FROM follower").query(Integer.class).single()).isOne();
	}

	/**
	 * A double-click: both requests follow at once, on two connections, outside a test
	 * transaction.
	 */
	@Test
	@Transactional(propagation = Propagation.NOT_SUPPORTED)
	void twoConcurrentFollowsOfOnePairLeaveOneRow() throws Exception {
		try {
			for (int round = 0; round < 10; round++) {
				Race.run(() -> followers.follow(alice.userId(), bob.userId()),
						() -> followers.follow(alice.userId(), bob.userId()));

				assertThat(followedBy(alice.userId())).as("round " + round).containsExactly(bob.userId());

				Race.run(() -> followers.unfollow(alice.userId(), bob.userId()),
						() -> followers.unfollow(alice.userId(), bob.userId()));

				assertThat(followedBy(alice.userId())).as("round " + round).isEmpty();
			}
		}
		finally {
			// the users were committed too, by registerUsers(); follows go with them (ON
			// DELETE CASCADE)
			jdbc.sql("DELETE FROM users").update();
		}
	}

	@Test
	void unfollowEndsOnlyThatFollow() {
		followers.follow(alice.userId(), bob.userId());
		followers.follow(alice.userId(), carol.userId());
		followers.follow(bob.userId(), carol.userId());

		followers.unfollow(alice.userId(), bob.userId());

		assertThat(follows(alice.userId(), bob.userId())).isFalse();
		assertThat(followedBy(alice.userId())).containsExactly(carol.userId());
		assertThat(followedBy(bob.userId())).containsExactly(carol.userId());
	}

	@Test
	void unfollowWhenNotFollowingChangesNothing() {
		followers.follow(bob.userId(), alice.userId());

		followers.unfollow(alice.userId(), bob.userId());

		assertThat(follows(alice.userId(), bob.userId())).isFalse();
		assertThat(followedBy(bob.userId())).containsExactly(alice.userId());
	}

	@Test
	void followedByListsEveryoneFollowedAndNobodyElse() {
		var dave = register(users, "dave");
		followers.follow(alice.userId(), bob.userId());
		followers.follow(alice.userId(), dave.userId());
		followers.follow(carol.userId(), alice.userId());

		assertThat(followedBy(alice.userId())).containsExactlyInAnyOrder(bob.userId(), dave.userId());
		assertThat(followedBy(carol.userId())).containsExactly(alice.userId());
		assertThat(followedBy(bob.userId())).isEmpty();
	}

	@Test
	void profileSaysWhetherTheViewerFollowsTheUser() {
		followers.follow(alice.userId(), bob.userId());

		assertThat(followers.findProfile(bob.username().toUpperCase(), alice.userId())).get()
			.extracting(profile -> profile.user().username(), Profile::followedByViewer)
			.containsExactly(bob.username(), true);
		assertThat(followers.findProfile(bob.username(), carol.userId())).get()
			.extracting(Profile::followedByViewer)
			.isEqualTo(false);
		assertThat(followers.findProfile(alice.username(), bob.userId())).get()
			.extracting(Profile::followedByViewer)
			.isEqualTo(false);
		assertThat(followers.findProfile(bob.username(), FollowerRepository.NOBODY)).get()
			.extracting(profile -> profile.user().email(), Profile::followedByViewer)
			.containsExactly(bob.email(), false);
		assertThat(followers.findProfile("dave", alice.userId())).isEmpty();
	}

	@Test
	void statusOfAProfileForItsViewer() {
		var profile = new Profile(bob, true);

		assertThat(profile.statusFor(bob.userId())).isEqualTo(FollowStatus.SELF);
		assertThat(profile.statusFor(alice.userId())).isEqualTo(FollowStatus.FOLLOWING);
		assertThat(new Profile(bob, false).statusFor(alice.userId())).isEqualTo(FollowStatus.NOT_FOLLOWING);
	}

	private boolean follows(long who, long whom) {
		User followed = users.findByUsername(username(whom)).orElseThrow();
		return followers.findProfile(followed.username(), who).orElseThrow().followedByViewer();
	}

	/**
	 * Whom a user follows, by the query the timelines use (which adds the user
	 * themselves).
	 */
	private List<Long> followedBy(long who) {
		return jdbc.sql(FollowerRepository.TIMELINE_AUTHORS)
			.param("userId", who)
			.query(Long.class)
			.list()
			.stream()
			.filter(author -> author != who)
			.toList();
	}

	private String username(long userId) {
		return jdbc.sql("SELECT username FROM users WHERE user_id = :id")
			.param("id", userId)
			.query(String.class)
			.single();
	}

}
