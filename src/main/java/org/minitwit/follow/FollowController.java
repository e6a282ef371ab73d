package org.minitwit.follow;

import org.minitwit.user.SignedInUser;
import org.minitwit.user.User;
import org.minitwit.user.UserRepository;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Follow and unfollow; Spring Security lets only signed-in users reach these. */
@Controller
class FollowController {

	private final UserRepository users;

	private final FollowerRepository followers;

	FollowController(UserRepository users, FollowerRepository followers) {
		this.users = users;
		this.followers = followers;
	}

	@PostMapping("/{username}/follow")
	String follow(@AuthenticationPrincipal SignedInUser me, @PathVariable String username,
			RedirectAttributes redirect) {
		User whom = existing(username);
		// Your own messages are on your timeline already; following yourself would show
		// them twice.
		if (whom.userId() != me.id()) {
			followers.follow(me.id(), whom.userId());
			redirect.addFlashAttribute("flash", "You are now following \"" + whom.username() + "\"");
		}
		return redirectTo(whom, redirect);
	}

	@PostMapping("/{username}/unfollow")
	String unfollow(@AuthenticationPrincipal SignedInUser me, @PathVariable String username,
			RedirectAttributes redirect) {
		User whom = existing(username);
		followers.unfollow(me.id(), whom.userId());
		redirect.addFlashAttribute("flash", "You are no longer following \"" + whom.username() + "\"");
		return redirectTo(whom, redirect);
	}

	private User existing(String username) {
		return users.findByUsername(username).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
	}

	private static String redirectTo(User user, RedirectAttributes redirect) {
		redirect.addAttribute("username", user.username());
		return "redirect:/{username}";
	}

}
