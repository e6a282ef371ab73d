package org.minitwit.support;

import java.util.List;

import org.minitwit.user.SignedInUser;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;

/**
 * MockMvc requests of a signed-in user, with the principal that MiniTwit's own sign-in
 * stores.
 */
public final class SignedIn {

	private SignedIn() {
	}

	public static RequestPostProcessor as(SignedInUser user) {
		return authentication(UsernamePasswordAuthenticationToken.authenticated(user, null,
				List.of(new SimpleGrantedAuthority("ROLE_USER"))));
	}

}
