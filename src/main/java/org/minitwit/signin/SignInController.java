package org.minitwit.signin;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.minitwit.security.PublicForm;
import org.minitwit.user.SignUpValidator;
import org.minitwit.user.SignedInUser;
import org.minitwit.user.UserRepository;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.authentication.logout.SecurityContextLogoutHandler;
import org.springframework.security.web.authentication.session.SessionAuthenticationStrategy;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Sign in and out, with the original MiniTwit's rules and messages, and a limit on failed
 * attempts.
 */
@Controller
class SignInController {

	private static final String SIGN_IN = "/login";

	private static final String SIGN_OUT = "/logout";

	static final String TOO_MANY_FAILURES = "Too many failed sign-in attempts. Please wait a few minutes and try again.";

	private final UserRepository users;

	private final SignInThrottle throttle;

	private final DeviceCookies devices;

	private final PasswordEncoder passwords;

	private final SecurityContextRepository contexts;

	private final SessionAuthenticationStrategy sessionAtSignIn;

	private final SecurityContextHolderStrategy holder = SecurityContextHolder.getContextHolderStrategy();

	/** Sign-ins by outcome: success, failure (wrong name or password), throttled. */
	private final Map<String, Counter> signIns = new HashMap<>();

	SignInController(UserRepository users, SignInThrottle throttle, DeviceCookies devices, PasswordEncoder passwords,
			SecurityContextRepository contexts, SessionAuthenticationStrategy sessionAtSignIn, MeterRegistry meters) {
		this.users = users;
		this.throttle = throttle;
		this.devices = devices;
		this.passwords = passwords;
		this.contexts = contexts;
		this.sessionAtSignIn = sessionAtSignIn;
		for (String outcome : List.of("success", "failure", "throttled")) {
			this.signIns.put(outcome,
					Counter.builder("minitwit.signins")
						.description("Sign-in attempts")
						.tag("outcome", outcome)
						.register(meters));
		}
	}

	@GetMapping(SIGN_IN)
	String form(@AuthenticationPrincipal SignedInUser me, Model model) {
		if (me != null) {
			return "redirect:/";
		}
		model.addAttribute("username", "");
		return "login";
	}

	@PublicForm
	@PostMapping(SIGN_IN)
	String signIn(@AuthenticationPrincipal SignedInUser me, @RequestParam(defaultValue = "") String username,
			@RequestParam(defaultValue = "") String password, HttpServletRequest request, HttpServletResponse response,
			Model model, RedirectAttributes redirect) {
		if (me != null) {
			return "redirect:/";
		}
		var user = users.findByUsername(username.strip());
		// The client itself, also behind the load balancer (server.tomcat.remoteip).
		var attempt = new SignInThrottle.Attempt(username, request.getRemoteAddr(),
				user.flatMap(known -> devices.deviceOf(request, known)));
		var refusal = throttle.refusal(attempt);
		if (refusal.isPresent()) {
			// Refused before the password is looked at: a locked name tells nothing, even
			// to the right password.
			this.signIns.get("throttled").increment();
			response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
			response.setHeader(HttpHeaders.RETRY_AFTER,
					String.valueOf(Math.max(1, (refusal.get().toMillis() + 999) / 1000)));
			model.addAttribute("error", TOO_MANY_FAILURES);
			model.addAttribute("username", username);
			return "login";
		}
		String error = null;
		if (user.isEmpty()) {
			error = "Invalid username";
		}
		else if (SignUpValidator.isTooLongPassword(password) || !passwords.matches(password, user.get().pwHash())) {
			error = "Invalid password";
		}
		if (error != null) {
			this.signIns.get("failure").increment();
			throttle.failed(attempt);
			model.addAttribute("error", error);
			model.addAttribute("username", username);
			return "login";
		}
		this.signIns.get("success").increment();
		throttle.succeeded(attempt);
		devices.issue(request, response, user.get());
		signIn(new SignedInUser(user.get().userId(), user.get().username()), request, response);
		redirect.addFlashAttribute("flash", "You were logged in");
		return "redirect:/";
	}

	private void signIn(SignedInUser user, HttpServletRequest request, HttpServletResponse response) {
		Authentication authentication = UsernamePasswordAuthenticationToken.authenticated(user, null,
				List.of(new SimpleGrantedAuthority("ROLE_USER")));
		request.getSession();
		sessionAtSignIn.onAuthentication(authentication, request, response);
		var context = holder.createEmptyContext();
		context.setAuthentication(authentication);
		holder.setContext(context);
		contexts.saveContext(context, request, response);
	}

	/**
	 * GET would otherwise reach the page of a user who cannot exist (404); signing out is
	 * an action (405).
	 */
	@GetMapping(SIGN_OUT)
	void signOutIsAnAction() throws HttpRequestMethodNotSupportedException {
		throw new HttpRequestMethodNotSupportedException("GET", List.of("POST"));
	}

	@PublicForm
	@PostMapping(SIGN_OUT)
	String signOut(Authentication authentication, HttpServletRequest request, HttpServletResponse response,
			RedirectAttributes redirect) {
		if (authentication == null) {
			// Nobody to sign out: no message, for which a session would have to be made.
			return "redirect:/public";
		}
		new SecurityContextLogoutHandler().logout(request, response, authentication);
		redirect.addFlashAttribute("flash", "You were logged out");
		return "redirect:/public";
	}

}
