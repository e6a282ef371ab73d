package org.minitwit.user;

import java.text.Normalizer;

/** The sign-up form as typed, trimmed; {@link SignUpValidator} holds its rules. */
public record SignUpForm(String username, String email, String password, String password2) {

	static final SignUpForm EMPTY = new SignUpForm("", "", "", "");

	public SignUpForm {
		// Shown as typed, but in one Unicode spelling (NFC), so equal names also look
		// equal.
		username = username == null ? "" : Normalizer.normalize(username.strip(), Normalizer.Form.NFC);
		email = email == null ? "" : email.strip();
		password = password == null ? "" : password;
		password2 = password2 == null ? "" : password2;
	}

}
