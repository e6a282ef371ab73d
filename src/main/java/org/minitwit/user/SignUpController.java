package org.minitwit.user;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

@Controller
class SignUpController {

	static final String USERNAME_TAKEN = "The username is already taken";

	private final UserRepository users;

	private final PasswordEncoder passwords;

	SignUpController(UserRepository users, PasswordEncoder passwords) {
		this.users = users;
		this.passwords = passwords;
	}

	@GetMapping("/register")
	String form(@AuthenticationPrincipal SignedInUser me, Model model) {
		if (me != null) {
			return "redirect:/";
		}
		model.addAttribute("form", new Registration("", "", "", ""));
		return "register";
	}

	@PostMapping("/register")
	String register(@AuthenticationPrincipal SignedInUser me, @ModelAttribute("form") Registration form, Model model,
			RedirectAttributes redirect) {
		if (me != null) {
			return "redirect:/";
		}
		String error = form.firstError();
		if (error == null && !users.create(form.username(), form.email(), passwords.encode(form.password()))) {
			error = USERNAME_TAKEN;
		}
		if (error != null) {
			model.addAttribute("error", error);
			return "register";
		}
		redirect.addFlashAttribute("flash", "You were successfully registered and can login now");
		return "redirect:/login";
	}

}
