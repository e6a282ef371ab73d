package org.minitwit.api;

import java.util.List;

import org.minitwit.follow.FollowerRepository;
import org.minitwit.user.SignUpForm;
import org.minitwit.user.SignUpValidator;
import org.minitwit.user.User;
import org.minitwit.user.UserRepository;

import org.springframework.context.annotation.Conditional;
import org.springframework.http.HttpStatus;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.validation.Errors;
import org.springframework.validation.SimpleErrors;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * Sign-up and following, with the sign-up page's validator and messages. The sign-up
 * limit per address is the pages' alone: the simulator signs up all its users from one
 * address, and it holds the API's password, which a passer-by does not.
 */
@RestController
@Conditional(ApiSwitch.class)
class ApiUsersController {

	static final String FOLLOW_OR_UNFOLLOW = "Give either follow or unfollow, with a username";

	static final String NOT_YOURSELF = "You cannot follow yourself";

	private final UserRepository users;

	private final FollowerRepository followers;

	private final SignUpValidator validator;

	private final PasswordEncoder passwords;

	ApiUsersController(UserRepository users, FollowerRepository followers, SignUpValidator validator,
			PasswordEncoder passwords) {
		this.users = users;
		this.followers = followers;
		this.validator = validator;
		this.passwords = passwords;
	}

	record Registration(String username, String email, String pwd) {
	}

	record Follows(List<String> follows) {
	}

	record FollowChange(String follow, String unfollow) {
	}

	@PostMapping(ApiPaths.REGISTER)
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void register(@RequestBody Registration registration) {
		// The page's form without its password repeat, which a program cannot mistype.
		var form = new SignUpForm(registration.username(), registration.email(), registration.pwd(),
				registration.pwd());
		Errors errors = new SimpleErrors(form, "form");
		validator.validate(form, errors);
		if (!errors.hasErrors() && !users.create(form.username(), form.email(), passwords.encode(form.password()))) {
			SignUpValidator.rejectTaken(errors);
		}
		if (errors.hasErrors()) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, errors.getAllErrors().get(0).getDefaultMessage());
		}
	}

	@GetMapping(ApiPaths.FOLLOWS_OF)
	Follows follows(@PathVariable String username, @RequestParam(required = false) String no) {
		return new Follows(followers.followedNames(user(username).userId(), Count.of(no)));
	}

	@PostMapping(ApiPaths.FOLLOWS_OF)
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void changeFollows(@PathVariable String username, @RequestBody FollowChange change) {
		if ((change.follow() == null) == (change.unfollow() == null)) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, FOLLOW_OR_UNFOLLOW);
		}
		var who = user(username);
		var whom = user(change.follow() != null ? change.follow() : change.unfollow());
		if (change.follow() == null) {
			followers.unfollow(who.userId(), whom.userId());
			return;
		}
		if (who.userId() == whom.userId()) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, NOT_YOURSELF);
		}
		followers.follow(who.userId(), whom.userId());
	}

	private User user(String username) {
		return users.findByUsername(username).orElseThrow(ApiErrors::unknownUser);
	}

}
