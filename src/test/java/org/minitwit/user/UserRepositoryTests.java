package org.minitwit.user;

import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.minitwit.support.MiniTwitJdbcSlice;
import org.minitwit.support.Race;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import static org.assertj.core.api.Assertions.assertThat;

@MiniTwitJdbcSlice
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

	@ParameterizedTest
	@CsvSource({ "alice, \u0430\u04cf\u0456\u0441\u0435", "stra\u00dfe, STRASSE", "inci, \u0130nci", "modern, rnodern",
			"bob, b0b" })
	void refusesANameThatReadsLikeATakenOne(String registered, String lookAlike) {
		assertThat(users.create(registered, "first@example.org", "hash")).isTrue();

		assertThat(users.create(lookAlike, "second@example.org", "hash")).isFalse();
		assertThat(users.findByUsername(lookAlike)).isEmpty();
	}

	/**
	 * Rows from before names were unique by how they read: the older of two look-alikes
	 * gets the key, both stay and can be found, and the clash is counted.
	 */
	@Test
	void usersRegisteredBeforeTheRuleGetTheirKeysAndLookAlikesAmongThemAllStay() {
		for (String name : List.of("alice", "\u0430\u04cf\u0456\u0441\u0435", "bob", "B0B")) {
			jdbc.sql("""
					INSERT INTO users (username, username_key, email, pw_hash)
					VALUES (:name, :key, 'old@example.org', 'hash')
					""").param("name", name).param("key", Usernames.key(name)).update();
		}

		assertThat(new UsernameSkeletons(users).fillIn()).as("clashes").isEqualTo(2);

		assertThat(users.findByUsername("\u0430\u04cf\u0456\u0441\u0435")).isPresent();
		assertThat(users.findByUsername("B0B")).isPresent();
		assertThat(keyOf("alice")).isEqualTo(Usernames.lookAlikeKey("alice"));
		assertThat(keyOf("bob")).isEqualTo(Usernames.lookAlikeKey("bob"));
		assertThat(keyOf("\u0430\u04cf\u0456\u0441\u0435")).isNull();
		assertThat(users.create("Alice", "new@example.org", "hash")).as("a look-alike of theirs, now").isFalse();
		assertThat(new UsernameSkeletons(users).fillIn()).as("every start reports them again").isEqualTo(2);
		assertThat(keyOf("B0B")).isNull();
	}

	private String keyOf(String username) {
		return jdbc.sql("SELECT username_skeleton FROM users WHERE username = :name")
			.param("name", username)
			.query((rs, row) -> rs.getString(1))
			.list()
			.get(0);
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

	@ParameterizedTest
	@MethodSource("longestNames")
	void storesTheLongestAllowedNameAndEmailInAnyScript(String username, String email) {
		assertThat(username.codePointCount(0, username.length())).isEqualTo(Usernames.MAX_LENGTH);
		assertThat(email.codePointCount(0, email.length())).isEqualTo(SignUpValidator.MAX_EMAIL_LENGTH);

		assertThat(users.create(username, email, "hash")).isTrue();

		assertThat(users.findByUsername(username)).get()
			.extracting(User::username, User::email)
			.containsExactly(username, email);
	}

	static List<Arguments> longestNames() {
		String domain = "@example.org";
		int local = SignUpValidator.MAX_EMAIL_LENGTH - domain.length();
		return List.of(Arguments.of("a".repeat(Usernames.MAX_LENGTH), "e".repeat(local) + domain),
				// two UTF-16 units each, as H2 counts them
				Arguments.of("😺".repeat(Usernames.MAX_LENGTH), "🐱".repeat(local) + domain),
				// lower-cases to two characters each ("i" and a combining dot), so its
				// key is twice as long
				Arguments.of("İ".repeat(Usernames.MAX_LENGTH), "Ж".repeat(local) + domain));
	}

	/**
	 * Only the unique index can decide between two registrations racing on two
	 * connections, so this runs outside the test transaction and cleans up after itself.
	 */
	@Test
	@Transactional(propagation = Propagation.NOT_SUPPORTED)
	void twoConcurrentRegistrationsOfOneNameCreateOneUser() throws Exception {
		try {
			for (int round = 0; round < 10; round++) {
				String name = "racer" + round;

				var registered = Race.of(() -> users.create(name, "first@example.org", "hash"),
						() -> users.create(name.toUpperCase(Locale.ROOT), "second@example.org", "hash"));

				assertThat(registered).as("round " + round).containsOnlyOnce(true);
				assertThat(rowsNamed(name)).as("round " + round).isOne();
			}
		}
		finally {
			jdbc.sql("DELETE FROM users WHERE username_key LIKE 'racer%'").update();
		}
	}

	private int rowsNamed(String name) {
		return jdbc.sql("SELECT COUNT(*) FROM users WHERE username_key = :key")
			.param("key", Usernames.key(name))
			.query(Integer.class)
			.single();
	}

}
