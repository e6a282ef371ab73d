package org.minitwit.user;

import org.springframework.stereotype.Component;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

/**
 * The sign-up rules, checked in the original MiniTwit's order; the first that fails is
 * the one answer, on the field it is about. The length limits sit beside the check of the
 * same field. That a name is taken (by a name that reads alike) is known for sure only
 * when the database refuses it (SignUpController).
 */
@Component
public class SignUpValidator implements Validator {

	public static final int MAX_EMAIL_LENGTH = 254;

	public static final int MAX_PASSWORD_LENGTH = 128;

	static final String USERNAME_TAKEN = "The username is already taken";

	private final Usernames usernames;

	SignUpValidator(Usernames usernames) {
		this.usernames = usernames;
	}

	@Override
	public boolean supports(Class<?> type) {
		return SignUpForm.class.isAssignableFrom(type);
	}

	@Override
	public void validate(Object target, Errors errors) {
		var form = (SignUpForm) target;
		if (form.username().isEmpty()) {
			errors.rejectValue("username", "required", "You have to enter a username");
		}
		else if (codePoints(form.username()) > Usernames.MAX_LENGTH) {
			errors.rejectValue("username", "tooLong",
					"Your username can have at most " + Usernames.MAX_LENGTH + " characters");
		}
		else if (!Usernames.isPathSafe(form.username())) {
			errors.rejectValue("username", "notPathSafe",
					"Your username cannot contain / \\ % ; ? # or control characters, nor be only dots");
		}
		else if (Usernames.hasHiddenCharacters(form.username())) {
			errors.rejectValue("username", "hidden",
					"Your username cannot contain invisible characters, nor spaces other than the plain space");
		}
		else if (Usernames.mixesScripts(form.username())) {
			errors.rejectValue("username", "mixedScripts",
					"Your username cannot mix scripts, such as Latin and Cyrillic letters");
		}
		else if (form.email().isEmpty() || !form.email().contains("@") || hasSpaceOrControl(form.email())) {
			errors.rejectValue("email", "invalid", "You have to enter a valid email address");
		}
		else if (codePoints(form.email()) > MAX_EMAIL_LENGTH) {
			errors.rejectValue("email", "tooLong",
					"Your email address can have at most " + MAX_EMAIL_LENGTH + " characters");
		}
		else if (form.password().isEmpty()) {
			errors.rejectValue("password", "required", "You have to enter a password");
		}
		else if (isTooLongPassword(form.password())) {
			errors.rejectValue("password", "tooLong",
					"Your password can have at most " + MAX_PASSWORD_LENGTH + " characters");
		}
		else if (!form.password().equals(form.password2())) {
			errors.rejectValue("password2", "mismatch", "The two passwords do not match");
		}
		else if (usernames.isReserved(form.username())) {
			rejectTaken(errors);
		}
	}

	/** For every way of signing up: the database refused the name as taken. */
	public static void rejectTaken(Errors errors) {
		errors.rejectValue("username", "taken", USERNAME_TAKEN);
	}

	/**
	 * Over-long passwords are refused at sign-up and cannot match at sign-in; no hash is
	 * spent on them.
	 */
	public static boolean isTooLongPassword(String password) {
		return codePoints(password) > MAX_PASSWORD_LENGTH;
	}

	/**
	 * No address has them, and a line break would let an address add lines (a Bcc) to any
	 * mail sent to it.
	 */
	private static boolean hasSpaceOrControl(String email) {
		return email.codePoints()
			.anyMatch(c -> Character.isWhitespace(c) || Character.isSpaceChar(c) || Character.isISOControl(c)
					|| Character.getType(c) == Character.FORMAT);
	}

	private static int codePoints(String text) {
		return text.codePointCount(0, text.length());
	}

}
