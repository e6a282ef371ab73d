package org.minitwit.user;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.minitwit.security.PublicForm;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.InitBinder;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Sign-up, with the original MiniTwit's rules and messages. */
@Controller
class SignUpController {

	private static final String SIGN_UP = "/register";

	private static final String FORM = "register";

	private final UserRepository users;

	private final PasswordEncoder passwords;

	static final String TOO_MANY_SIGN_UPS = "Too many sign-ups from your address. Please wait a few minutes and try again.";

	private final SignUpValidator validator;

	private final SignUpLimit limit;

	private final Counter signUps;

	SignUpController(UserRepository users, PasswordEncoder passwords, SignUpValidator validator, SignUpLimit limit,
			MeterRegistry meters) {
		this.users = users;
		this.passwords = passwords;
		this.validator = validator;
		this.limit = limit;
		this.signUps = Counter.builder("minitwit.signups").description("Users registered").register(meters);
	}

	@InitBinder("form")
	void validateWith(WebDataBinder binder) {
		binder.setValidator(validator);
	}

	@GetMapping(SIGN_UP)
	String form(@AuthenticationPrincipal SignedInUser me, Model model) {
		if (me != null) {
			return "redirect:/";
		}
		model.addAttribute("form", SignUpForm.EMPTY);
		return FORM;
	}

	@PublicForm
	@PostMapping(SIGN_UP)
	String signUp(@AuthenticationPrincipal SignedInUser me, @ModelAttribute("form") @Validated SignUpForm form,
			BindingResult result, HttpServletRequest request, HttpServletResponse response,
			RedirectAttributes redirect) {
		if (me != null) {
			return "redirect:/";
		}
		if (!result.hasErrors()) {
			// Checked once the form is valid, before the password is hashed: typing
			// errors
			// cost nothing and count nothing.
			var refusal = limit.refusal(request.getRemoteAddr());
			if (refusal.isPresent()) {
				response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
				response.setHeader(HttpHeaders.RETRY_AFTER,
						String.valueOf(Math.max(1, (refusal.get().toMillis() + 999) / 1000)));
				result.reject("tooMany", TOO_MANY_SIGN_UPS);
				return FORM;
			}
			limit.counted(request.getRemoteAddr());
			if (!users.create(form.username(), form.email(), passwords.encode(form.password()))) {
				SignUpValidator.rejectTaken(result);
			}
		}
		if (result.hasErrors()) {
			return FORM;
		}
		this.signUps.increment();
		redirect.addFlashAttribute("flash", "You were successfully registered and can login now");
		return "redirect:/login";
	}

}
