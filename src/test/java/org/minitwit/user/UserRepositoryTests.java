package org.minitwit.user;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.minitwit.support.MiniTwitJdbcTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import static org.assertj.core.api.Assertions.assertThat;

@MiniTwitJdbcTest
@Import(UserRepository.class)
abstract class UserRepositoryTests {

	@Autowired
	UserRepository users;

	@Autowired
	JdbcClient jdbc;

	@Test
	void findsACreatedUser() {
		assertThat(users.create("alice", "alice@example.org", "hash-of-alice")).isTrue();

		var alice = users.findByUsername("alice").orElseThrow();

		assertThat(alice.userId()).isPositive();
		assertThat(alice).extracting(User::username, User::email, User::pwHash)
			.containsExactly("alice", "alice@example.org", "hash-of-alice");
	}

	@Test
	void findsNobodyUnderAnUnknownName() {
		users.create("alice", "alice@example.org", "hash");

		assertThat(users.findByUsername("alic")).isEmpty();
		assertThat(users.findByUsername("alice2")).isEmpty();
	}

	@ParameterizedTest
	@CsvSource({ "alice, Alice", "Alice, alice", "Alice, ALICE", "ярослав, ЯРОСЛАВ" })
	void findsAUserWhateverTheLetterCase(String registered, String lookedUp) {
		users.create(registered, "someone@example.org", "hash");

		assertThat(users.findByUsername(lookedUp)).get().extracting(User::username).isEqualTo(registered);
	}

	@Test
	void refusesANameThatDiffersOnlyInLetterCase() {
		users.create("alice", "alice@example.org", "hash");

		assertThat(users.create("ALICE", "impostor@example.org", "other-hash")).isFalse();

		assertThat(users.findByUsername("alice")).get().extracting(User::email).isEqualTo("alice@example.org");
		assertThat(rowsNamed("alice")).isOne();
	}

	@ParameterizedTest
	@CsvSource({ "🐱 Cat 😺, 😺@例え.jp", "Ярослав Мудрый, ярослав@пример.рф", "عبد الله, عبد@مثال.مصر" })
	void storesAnyScriptAndEmojiUnchanged(String username, String email) {
		assertThat(users.create(username, email, "hash")).isTrue();

		assertThat(users.findByUsername(username)).get()
			.extracting(User::username, User::email)
			.containsExactly(username, email);
	}

	/**
	 * Only the unique index can decide between two registrations racing on two connections, so this
	 * runs outside the test transaction and cleans up after itself.
	 */
	@Test
	@Transactional(propagation = Propagation.NOT_SUPPORTED)
	void twoConcurrentRegistrationsOfOneNameCreateOneUser() throws Exception {
		int rounds = 10;
		var pool = Executors.newFixedThreadPool(2);
		try {
			for (int round = 0; round < rounds; round++) {
				var start = new CyclicBarrier(2);
				String name = "racer" + round;
				var first = pool.submit(registerAt(start, name));
				var second = pool.submit(registerAt(start, name.toUpperCase()));

				assertThat(List.of(result(first), result(second))).as("round " + round).containsOnlyOnce(true);
				assertThat(rowsNamed(name)).as("round " + round).isOne();
			}
		}
		finally {
			pool.shutdownNow();
			jdbc.sql("DELETE FROM users WHERE username_key LIKE 'racer%'").update();
		}
	}

	private Callable<Boolean> registerAt(CyclicBarrier start, String name) {
		return () -> {
			start.await(10, TimeUnit.SECONDS);
			return users.create(name, name + "@example.org", "hash");
		};
	}

	private static boolean result(Future<Boolean> registration) throws Exception {
		return registration.get(30, TimeUnit.SECONDS);
	}

	private int rowsNamed(String name) {
		return jdbc.sql("SELECT COUNT(*) FROM users WHERE username_key = :key")
			.param("key", Usernames.key(name))
			.query(Integer.class)
			.single();
	}

}
