package org.minitwit.user;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * Every page, error pages included, knows who is signed in ({@code me}, null when signed
 * out).
 */
@ControllerAdvice
class CurrentUserAdvice {

	@ModelAttribute("me")
	SignedInUser me(@AuthenticationPrincipal SignedInUser me) {
		return me;
	}

}
