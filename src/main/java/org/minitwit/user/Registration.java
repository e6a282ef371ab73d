package org.minitwit.user;

import java.text.Normalizer;

/**
 * The sign-up form. Its checks run in the original MiniTwit's order and the first failing one is
 * the answer; the length limits sit beside the check of the same field.
 */
record Registration(String username, String email, String password, String password2) {

	static final int MAX_EMAIL_LENGTH = 254;

	static final int MAX_PASSWORD_LENGTH = 128;

	Registration {
		// Shown as typed, but in one Unicode spelling (NFC), so equal names also look equal.
		username = username == null ? "" : Normalizer.normalize(username.strip(), Normalizer.Form.NFC);
		email = email == null ? "" : email.strip();
		password = password == null ? "" : password;
		password2 = password2 == null ? "" : password2;
	}

	/** @return the error to show, or null when the form is acceptable (the name may still be taken) */
	String firstError() {
		if (username.isEmpty()) {
			return "You have to enter a username";
		}
		if (length(username) > Usernames.MAX_LENGTH) {
			return "Your username can have at most " + Usernames.MAX_LENGTH + " characters";
		}
		if (!Usernames.isPathSafe(username)) {
			return "Your username cannot contain / \\ % ; ? # or control characters, nor be only dots";
		}
		if (email.isEmpty() || !email.contains("@")) {
			return "You have to enter a valid email address";
		}
		if (length(email) > MAX_EMAIL_LENGTH) {
			return "Your email address can have at most " + MAX_EMAIL_LENGTH + " characters";
		}
		if (password.isEmpty()) {
			return "You have to enter a password";
		}
		if (length(password) > MAX_PASSWORD_LENGTH) {
			return "Your password can have at most " + MAX_PASSWORD_LENGTH + " characters";
		}
		if (!password.equals(password2)) {
			return "The two passwords do not match";
		}
		if (Usernames.isReserved(username)) {
			return SignUpController.USERNAME_TAKEN;
		}
		return null;
	}

	static int length(String text) {
		return text.codePointCount(0, text.length());
	}

}
