package org.minitwit.signin;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.minitwit.security.SecurityConfig;
import org.minitwit.user.SignedInUser;
import org.minitwit.user.User;
import org.minitwit.user.UserRepository;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.minitwit.support.SignedIn.as;
import static org.mockito.BDDMockito.given;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.authenticated;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.unauthenticated;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@WebMvcTest(SignInController.class)
@Import({ SecurityConfig.class, DeviceCookies.class, SimpleMeterRegistry.class })
class SignInControllerSliceTests {

	private static final String ALICE_HASH = "{argon2}the hash of secret";

	@Autowired
	private MockMvc mvc;

	@Autowired
	private MeterRegistry meters;

	@MockitoBean
	private UserRepository users;

	@MockitoBean
	private PasswordEncoder passwords;

	@MockitoBean
	private SignInThrottle throttle;

	@BeforeEach
	void aliceExists() {
		given(users.findByUsername("alice")).willReturn(Optional.of(new User(7, "Alice", "a@example.com", ALICE_HASH)));
		given(passwords.matches("secret", ALICE_HASH)).willReturn(true);
	}

	@Test
	void unknownUsernameIsTheFirstError() throws Exception {
		signIn("nobody", "").andExpect(status().isOk())
			.andExpect(model().attribute("error", "Invalid username"))
			.andExpect(content().string(containsString("<strong>Error:</strong> <span>Invalid username</span>")))
			.andExpect(content().string(containsString("value=\"nobody\"")))
			.andExpect(unauthenticated());
	}

	@Test
	void wrongPasswordIsTheSecondErrorAndKeepsTheTypedUsername() throws Exception {
		signIn("alice", "wrong").andExpect(status().isOk())
			.andExpect(model().attribute("error", "Invalid password"))
			.andExpect(content().string(containsString("value=\"alice\"")))
			.andExpect(unauthenticated());
		signIn("alice", "").andExpect(model().attribute("error", "Invalid password"));
		signIn("alice", "secret ").andExpect(model().attribute("error", "Invalid password"));
	}

	@Test
	void overLongPasswordIsInvalid() throws Exception {
		signIn("alice", "s".repeat(129)).andExpect(model().attribute("error", "Invalid password"));
	}

	@Test
	void rightPasswordSignsInAsTheStoredUser() throws Exception {
		signIn(" alice ", "secret").andExpect(redirectedUrl("/"))
			.andExpect(flash().attribute("flash", "You were logged in"))
			.andExpect(authenticated().withAuthenticationPrincipal(new SignedInUser(7, "Alice")));

		verify(users).findByUsername("alice");
	}

	@Test
	void signedInVisitorsAreSentToTheirTimeline() throws Exception {
		mvc.perform(get("/login").with(as(new SignedInUser(7, "Alice")))).andExpect(redirectedUrl("/"));
		mvc.perform(post("/login").param("username", "alice")
			.param("password", "secret")
			.with(as(new SignedInUser(7, "Alice")))
			.with(csrf())).andExpect(redirectedUrl("/"));
	}

	@Test
	void signOutEndsTheSignInAndSaysSo() throws Exception {
		mvc.perform(post("/logout").with(as(new SignedInUser(7, "Alice"))).with(csrf()))
			.andExpect(redirectedUrl("/public"))
			.andExpect(flash().attribute("flash", "You were logged out"))
			.andExpect(unauthenticated());
	}

	@Test
	void signInWithoutTheCsrfTokenIsForbidden() throws Exception {
		mvc.perform(post("/login").param("username", "alice").param("password", "secret"))
			.andExpect(status().isForbidden())
			.andExpect(unauthenticated());
	}

	@Test
	void failuresAreCountedAndASignInForgivesTheName() throws Exception {
		signIn("alice", "wrong");
		signIn("nobody", "secret");
		signIn(" alice ", "secret");

		verify(throttle).failed(new SignInThrottle.Attempt("alice", "127.0.0.1", Optional.empty()));
		verify(throttle).failed(new SignInThrottle.Attempt("nobody", "127.0.0.1", Optional.empty()));
		verify(throttle).succeeded(new SignInThrottle.Attempt(" alice ", "127.0.0.1", Optional.empty()));
	}

	@Test
	void aSignInGivesTheBrowserADeviceCookieForTheSignInPageOnly() throws Exception {
		signIn("alice", "secret")
			.andExpect(header().string("Set-Cookie", org.hamcrest.Matchers.allOf(containsString("DEVICE="),
					containsString("Path=/login"), containsString("HttpOnly"), containsString("SameSite=Strict"))));
	}

	@Test
	void everySignInIsCountedByItsOutcome() throws Exception {
		given(throttle.refusal(new SignInThrottle.Attempt("bob", "127.0.0.1", Optional.empty())))
			.willReturn(Optional.of(Duration.ofSeconds(60)));
		double successes = signIns("success");
		double failures = signIns("failure");
		double throttled = signIns("throttled");

		signIn("alice", "wrong");
		signIn("nobody", "secret");
		signIn("alice", "secret");
		signIn("bob", "secret");

		assertThat(signIns("success") - successes).isEqualTo(1);
		assertThat(signIns("failure") - failures).isEqualTo(2);
		assertThat(signIns("throttled") - throttled).isEqualTo(1);
	}

	private double signIns(String outcome) {
		return meters.get("minitwit.signins").tag("outcome", outcome).counter().count();
	}

	@Test
	void aThrottledSignInIsA429WithTheMessageAndTheNameKeptAndTheRightPasswordDoesNotHelp() throws Exception {
		given(throttle.refusal(new SignInThrottle.Attempt("alice", "127.0.0.1", Optional.empty())))
			.willReturn(Optional.of(Duration.ofMillis(89_001)));

		signIn("alice", "secret").andExpect(status().isTooManyRequests())
			.andExpect(header().string("Retry-After", "90"))
			.andExpect(model().attribute("error", SignInController.TOO_MANY_FAILURES))
			.andExpect(content().string(containsString("<title>Sign In | MiniTwit</title>")))
			.andExpect(content().string(containsString("Too many failed sign-in attempts. Please wait a few minutes")))
			.andExpect(content().string(containsString("value=\"alice\"")))
			.andExpect(unauthenticated());

		verify(passwords, never()).matches(anyString(), anyString());
		verify(throttle, never()).failed(org.mockito.ArgumentMatchers.any());
	}

	private ResultActions signIn(String username, String password) throws Exception {
		return mvc.perform(post("/login").param("username", username).param("password", password).with(csrf()));
	}

}
