package org.minitwit.follow;

import org.junit.jupiter.api.Test;
import org.minitwit.support.MiniTwitJdbcTest;
import org.minitwit.support.Race;
import org.minitwit.support.ThreeUsersTests;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.minitwit.support.TestUsers.register;

@MiniTwitJdbcTest
@Import(FollowerRepository.class)
abstract class FollowerRepositoryTests extends ThreeUsersTests {

	@Autowired
	FollowerRepository followers;

	@Test
	void nobodyFollowsAnybodyAtFirst() {
		assertThat(followers.isFollowing(alice.userId(), bob.userId())).isFalse();
		assertThat(followers.followedBy(alice.userId())).isEmpty();
	}

	@Test
	void followingIsOneWay() {
		followers.follow(alice.userId(), bob.userId());

		assertThat(followers.isFollowing(alice.userId(), bob.userId())).isTrue();
		assertThat(followers.isFollowing(bob.userId(), alice.userId())).isFalse();
		assertThat(followers.isFollowing(alice.userId(), carol.userId())).isFalse();
	}

	@Test
	void followingTwiceKeepsOneRow() {
		followers.follow(alice.userId(), bob.userId());
		followers.follow(alice.userId(), bob.userId());

		assertThat(followers.isFollowing(alice.userId(), bob.userId())).isTrue();
		assertThat(followers.followedBy(alice.userId())).containsExactly(bob.userId());
		assertThat(jdbc.sql("SELECT COUNT(*) FROM follower").query(Integer.class).single()).isOne();
	}

	/** A double-click: both requests follow at once, on two connections, outside a test transaction. */
	@Test
	@Transactional(propagation = Propagation.NOT_SUPPORTED)
	void twoConcurrentFollowsOfOnePairLeaveOneRow() throws Exception {
		try {
			for (int round = 0; round < 10; round++) {
				Race.run(() -> followers.follow(alice.userId(), bob.userId()),
						() -> followers.follow(alice.userId(), bob.userId()));

				assertThat(followers.followedBy(alice.userId())).as("round " + round).containsExactly(bob.userId());

				Race.run(() -> followers.unfollow(alice.userId(), bob.userId()),
						() -> followers.unfollow(alice.userId(), bob.userId()));

				assertThat(followers.followedBy(alice.userId())).as("round " + round).isEmpty();
			}
		}
		finally {
			// the users were committed too, by registerUsers(); follows go with them (ON DELETE CASCADE)
			jdbc.sql("DELETE FROM users").update();
		}
	}

	@Test
	void unfollowEndsOnlyThatFollow() {
		followers.follow(alice.userId(), bob.userId());
		followers.follow(alice.userId(), carol.userId());
		followers.follow(bob.userId(), carol.userId());

		followers.unfollow(alice.userId(), bob.userId());

		assertThat(followers.isFollowing(alice.userId(), bob.userId())).isFalse();
		assertThat(followers.followedBy(alice.userId())).containsExactly(carol.userId());
		assertThat(followers.followedBy(bob.userId())).containsExactly(carol.userId());
	}

	@Test
	void unfollowWhenNotFollowingChangesNothing() {
		followers.follow(bob.userId(), alice.userId());

		followers.unfollow(alice.userId(), bob.userId());

		assertThat(followers.isFollowing(alice.userId(), bob.userId())).isFalse();
		assertThat(followers.followedBy(bob.userId())).containsExactly(alice.userId());
	}

	@Test
	void followedByListsEveryoneFollowedAndNobodyElse() {
		var dave = register(users, "dave");
		followers.follow(alice.userId(), bob.userId());
		followers.follow(alice.userId(), dave.userId());
		followers.follow(carol.userId(), alice.userId());

		assertThat(followers.followedBy(alice.userId())).containsExactlyInAnyOrder(bob.userId(), dave.userId());
		assertThat(followers.followedBy(carol.userId())).containsExactly(alice.userId());
		assertThat(followers.followedBy(bob.userId())).isEmpty();
	}

}
