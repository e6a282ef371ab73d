package org.minitwit.user;

import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.minitwit.web.FixedPaths;

import org.springframework.validation.DirectFieldBindingResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class SignUpValidatorTests {

	private final SignUpValidator validator = new SignUpValidator(new Usernames(routes("public", "actuator")));

	/** Outside the Basic Multilingual Plane: one code point, two Java chars. */
	private static final String EMOJI = "😀";

	private static final String TOO_LONG_USERNAME = EMOJI.repeat(65);

	private static final String TOO_LONG_EMAIL = EMOJI.repeat(250) + "@x.io";

	private static final String TOO_LONG_PASSWORD = EMOJI.repeat(129);

	/**
	 * Each form fails its own check and every later one, so the error shown proves the
	 * order: the spec's five errors, with each length limit right after the check of its
	 * field.
	 */
	static Stream<Arguments> formsFailingInOrder() {
		return Stream.of(arguments(new SignUpForm("", "no-at-sign", "", "other"), "You have to enter a username"),
				arguments(new SignUpForm(" \t ", "no-at-sign", "", "other"), "You have to enter a username"),
				arguments(new SignUpForm(TOO_LONG_USERNAME, "no-at-sign", "", "other"),
						"Your username can have at most 64 characters"),
				arguments(new SignUpForm("a/b", "no-at-sign", "", "other"),
						"Your username cannot contain / \\ % ; ? # or control characters, nor be only dots"),
				arguments(new SignUpForm("public", "", "", "other"), "You have to enter a valid email address"),
				arguments(new SignUpForm("public", "no-at-sign", "", "other"),
						"You have to enter a valid email address"),
				arguments(new SignUpForm("public", TOO_LONG_EMAIL, "", "other"),
						"Your email address can have at most 254 characters"),
				arguments(new SignUpForm("public", "a@example.com", "", "other"), "You have to enter a password"),
				arguments(new SignUpForm("public", "a@example.com", TOO_LONG_PASSWORD, "other"),
						"Your password can have at most 128 characters"),
				arguments(new SignUpForm("public", "a@example.com", "secret", "other"),
						"The two passwords do not match"),
				arguments(new SignUpForm("public", "a@example.com", "secret", "secret"),
						"The username is already taken"));
	}

	@ParameterizedTest
	@MethodSource("formsFailingInOrder")
	void firstFailingCheckIsTheError(SignUpForm form, String error) {
		assertThat(firstError(form)).isEqualTo(error);
	}

	@Test
	void completeFormHasNoError() {
		assertThat(firstError(new SignUpForm("alice", "alice@example.com", "secret", "secret"))).isNull();
	}

	@Test
	void limitsCountCodePointsNotJavaChars() {
		var longest = new SignUpForm(EMOJI.repeat(64), EMOJI.repeat(249) + "@x.io", EMOJI.repeat(128),
				EMOJI.repeat(128));

		assertThat(longest.email()).hasSize(2 * 249 + 5);
		assertThat(firstError(longest)).isNull();
	}

	@Test
	void limitsAreExactlyTheSpecs() {
		var atLimit = new SignUpForm("u".repeat(64), "e".repeat(252) + "@x", "p".repeat(128), "p".repeat(128));
		assertThat(firstError(atLimit)).isNull();

		assertThat(firstError(new SignUpForm("u".repeat(65), "a@x", "p", "p")))
			.isEqualTo("Your username can have at most 64 characters");
		assertThat(firstError(new SignUpForm("alice", "e".repeat(253) + "@x", "p", "p")))
			.isEqualTo("Your email address can have at most 254 characters");
		assertThat(firstError(new SignUpForm("alice", "a@x", "p".repeat(129), "p".repeat(129))))
			.isEqualTo("Your password can have at most 128 characters");
	}

	@Test
	void usernameAndEmailAreStrippedButPasswordsAreTakenAsTyped() {
		var form = new SignUpForm("  alice ", " alice@example.com\n", " secret", "secret");

		assertThat(form.username()).isEqualTo("alice");
		assertThat(form.email()).isEqualTo("alice@example.com");
		assertThat(firstError(form)).isEqualTo("The two passwords do not match");
	}

	@Test
	void missingFieldsCountAsEmpty() {
		var form = new SignUpForm(null, null, null, null);

		assertThat(form).isEqualTo(new SignUpForm("", "", "", ""));
		assertThat(firstError(form)).isEqualTo("You have to enter a username");
	}

	@Test
	void spacesAndNonLatinLettersAreAllowed() {
		assertThat(firstError(new SignUpForm("Roger Histand", "roger@example.com", "pw", "pw"))).isNull();
		assertThat(firstError(new SignUpForm("Зоя Космодемьянская", "zoya@example.com", "pw", "pw"))).isNull();
		assertThat(firstError(new SignUpForm("山田太郎", "taro@example.jp", "pw", "pw"))).isNull();
	}

	@Test
	void reservedNamesAreTakenInAnyLetterCase() {
		assertThat(firstError(new SignUpForm("Public", "a@example.com", "pw", "pw")))
			.isEqualTo("The username is already taken");
		assertThat(firstError(new SignUpForm("ACTUATOR", "a@example.com", "pw", "pw")))
			.isEqualTo("The username is already taken");
	}

	private String firstError(SignUpForm form) {
		var errors = new DirectFieldBindingResult(form, "form");
		validator.validate(form, errors);
		assertThat(errors.getErrorCount()).as("one error at a time").isLessThanOrEqualTo(1);
		return errors.hasErrors() ? errors.getAllErrors().get(0).getDefaultMessage() : null;
	}

	static FixedPaths routes(String... firstSegments) {
		var routes = mock(FixedPaths.class);
		for (String segment : firstSegments) {
			given(routes.contains(segment)).willReturn(true);
		}
		return routes;
	}

}
