package org.minitwit.user;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.minitwit.security.SecurityConfig;
import org.minitwit.web.FixedPaths;

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
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@WebMvcTest(SignUpController.class)
@Import({ SecurityConfig.class, SignUpValidator.class, Usernames.class, SimpleMeterRegistry.class })
class SignUpControllerSliceTests {

	@Autowired
	private MockMvc mvc;

	@Autowired
	private MeterRegistry meters;

	@MockitoBean
	private SignUpLimit limit;

	@MockitoBean
	private UserRepository users;

	@MockitoBean
	private PasswordEncoder passwords;

	@MockitoBean
	private FixedPaths fixedPaths;

	@BeforeEach
	void publicIsARoute() {
		given(fixedPaths.contains("public")).willReturn(true);
	}

	@Test
	void refusedFormIsShownAgainWithTheErrorAndWhatWasTyped() throws Exception {
		register("Zoë <b>", "zoe-at-example.com", "pw", "pw").andExpect(status().isOk())
			.andExpect(model().attributeHasFieldErrorCode("form", "email", "invalid"))
			.andExpect(content().string(containsString("You have to enter a valid email address")))
			.andExpect(content().string(containsString("value=\"Zoë &lt;b&gt;\"")))
			.andExpect(content().string(containsString("value=\"zoe-at-example.com\"")));

		verifyNoInteractions(users);
	}

	@Test
	void takenNameIsRefusedAndKeepsTheForm() throws Exception {
		given(users.create(eq("alice"), eq("alice@example.com"), anyString())).willReturn(false);

		register("alice", "alice@example.com", "pw", "pw").andExpect(status().isOk())
			.andExpect(model().attributeHasFieldErrorCode("form", "username", "taken"))
			.andExpect(content().string(containsString("The username is already taken")))
			.andExpect(content().string(containsString("value=\"alice\"")))
			.andExpect(flash().attributeCount(0));
	}

	@Test
	void reservedNameIsTakenWithoutAskingTheDatabase() throws Exception {
		register("Public", "p@example.com", "pw", "pw")
			.andExpect(model().attributeHasFieldErrorCode("form", "username", "taken"))
			.andExpect(content().string(containsString("The username is already taken")));

		verifyNoInteractions(users);
	}

	@Test
	void acceptedFormStoresTheTrimmedNameAndTheHashThenSendsToSignIn() throws Exception {
		given(users.create(anyString(), anyString(), anyString())).willReturn(true);
		given(passwords.encode("pass word")).willReturn("{argon2}the hash");
		double signUps = signUps();

		register("  Roger Histand ", " roger@example.com ", "pass word", "pass word").andExpect(redirectedUrl("/login"))
			.andExpect(flash().attribute("flash", "You were successfully registered and can login now"));

		verify(users).create("Roger Histand", "roger@example.com", "{argon2}the hash");
		assertThat(signUps() - signUps).isEqualTo(1);
	}

	private double signUps() {
		return meters.get("minitwit.signups").counter().count();
	}

	@Test
	void signedInVisitorsAreSentToTheirTimeline() throws Exception {
		mvc.perform(get("/register").with(as(new SignedInUser(7, "alice")))).andExpect(redirectedUrl("/"));
		mvc.perform(post("/register").param("username", "bob").with(as(new SignedInUser(7, "alice"))).with(csrf()))
			.andExpect(redirectedUrl("/"));

		verifyNoInteractions(users);
	}

	private ResultActions register(String username, String email, String password, String password2) throws Exception {
		return mvc.perform(post("/register").param("username", username)
			.param("email", email)
			.param("password", password)
			.param("password2", password2)
			.with(csrf()));
	}

}
