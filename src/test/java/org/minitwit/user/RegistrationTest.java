package org.minitwit.user;

import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class RegistrationTest {

	/** Outside the Basic Multilingual Plane: one code point, two Java chars. */
	private static final String EMOJI = "😀";

	private static final String TOO_LONG_USERNAME = EMOJI.repeat(65);

	private static final String TOO_LONG_EMAIL = EMOJI.repeat(250) + "@x.io";

	private static final String TOO_LONG_PASSWORD = EMOJI.repeat(129);

	/**
	 * Each form fails its own check and every later one, so the error shown proves the order:
	 * the spec's five errors, with each length limit right after the check of its field.
	 */
	static Stream<Arguments> formsFailingInOrder() {
		return Stream.of(
				arguments(new Registration("", "no-at-sign", "", "other"), "You have to enter a username"),
				arguments(new Registration(" \t ", "no-at-sign", "", "other"), "You have to enter a username"),
				arguments(new Registration(TOO_LONG_USERNAME, "no-at-sign", "", "other"),
						"Your username can have at most 64 characters"),
				arguments(new Registration("a/b", "no-at-sign", "", "other"),
						"Your username cannot contain / \\ % ; ? # or control characters, nor be only dots"),
				arguments(new Registration("public", "", "", "other"), "You have to enter a valid email address"),
				arguments(new Registration("public", "no-at-sign", "", "other"), "You have to enter a valid email address"),
				arguments(new Registration("public", TOO_LONG_EMAIL, "", "other"),
						"Your email address can have at most 254 characters"),
				arguments(new Registration("public", "a@example.com", "", "other"), "You have to enter a password"),
				arguments(new Registration("public", "a@example.com", TOO_LONG_PASSWORD, "other"),
						"Your password can have at most 128 characters"),
				arguments(new Registration("public", "a@example.com", "secret", "other"), "The two passwords do not match"),
				arguments(new Registration("public", "a@example.com", "secret", "secret"), "The username is already taken"));
	}

	@ParameterizedTest
	@MethodSource("formsFailingInOrder")
	void firstFailingCheckIsTheError(Registration form, String error) {
		assertThat(form.firstError()).isEqualTo(error);
	}

	@Test
	void completeFormHasNoError() {
		assertThat(new Registration("alice", "alice@example.com", "secret", "secret").firstError()).isNull();
	}

	@Test
	void limitsCountCodePointsNotJavaChars() {
		var longest = new Registration(EMOJI.repeat(64), EMOJI.repeat(249) + "@x.io", EMOJI.repeat(128),
				EMOJI.repeat(128));

		assertThat(longest.email()).hasSize(2 * 249 + 5);
		assertThat(longest.firstError()).isNull();
	}

	@Test
	void limitsAreExactlyTheSpecs() {
		var atLimit = new Registration("u".repeat(64), "e".repeat(252) + "@x", "p".repeat(128), "p".repeat(128));
		assertThat(atLimit.firstError()).isNull();

		assertThat(new Registration("u".repeat(65), "a@x", "p", "p").firstError())
			.isEqualTo("Your username can have at most 64 characters");
		assertThat(new Registration("alice", "e".repeat(253) + "@x", "p", "p").firstError())
			.isEqualTo("Your email address can have at most 254 characters");
		assertThat(new Registration("alice", "a@x", "p".repeat(129), "p".repeat(129)).firstError())
			.isEqualTo("Your password can have at most 128 characters");
	}

	@Test
	void usernameAndEmailAreStrippedButPasswordsAreTakenAsTyped() {
		var form = new Registration("  alice ", " alice@example.com\n", " secret", "secret");

		assertThat(form.username()).isEqualTo("alice");
		assertThat(form.email()).isEqualTo("alice@example.com");
		assertThat(form.firstError()).isEqualTo("The two passwords do not match");
	}

	@Test
	void missingFieldsCountAsEmpty() {
		var form = new Registration(null, null, null, null);

		assertThat(form).isEqualTo(new Registration("", "", "", ""));
		assertThat(form.firstError()).isEqualTo("You have to enter a username");
	}

	@Test
	void spacesAndNonLatinLettersAreAllowed() {
		assertThat(new Registration("Roger Histand", "roger@example.com", "pw", "pw").firstError()).isNull();
		assertThat(new Registration("Зоя Космодемьянская", "zoya@example.com", "pw", "pw").firstError()).isNull();
		assertThat(new Registration("山田太郎", "taro@example.jp", "pw", "pw").firstError()).isNull();
	}

	@Test
	void reservedNamesAreTakenInAnyLetterCase() {
		assertThat(new Registration("Public", "a@example.com", "pw", "pw").firstError())
			.isEqualTo("The username is already taken");
		assertThat(new Registration("ACTUATOR", "a@example.com", "pw", "pw").firstError())
			.isEqualTo("The username is already taken");
	}

}
