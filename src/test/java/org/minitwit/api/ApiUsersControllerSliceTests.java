package org.minitwit.api;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.minitwit.follow.FollowerRepository;
import org.minitwit.security.SecurityConfig;
import org.minitwit.signin.SignInThrottle;
import org.minitwit.user.SignUpValidator;
import org.minitwit.user.User;
import org.minitwit.user.UserRepository;
import org.minitwit.user.Usernames;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import static org.minitwit.api.ApiMessagesControllerSliceTests.simulator;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@WebMvcTest(controllers = ApiUsersController.class, properties = "minitwit.api.password=slice-password")
@Import({ SecurityConfig.class, ApiSecurityConfig.class, ApiJson.class, SignUpValidator.class })
class ApiUsersControllerSliceTests {

	private static final User ROGER = new User(8, "Roger Histand", "roger@example.com", "{argon2}irrelevant");

	private static final User ALICE = new User(9, "Alice", "alice@example.com", "{argon2}irrelevant");

	@Autowired
	private MockMvc mvc;

	@MockitoBean
	private LatestRepository latest;

	@MockitoBean
	private UserRepository users;

	@MockitoBean
	private FollowerRepository followers;

	@MockitoBean
	private Usernames usernames;

	@MockitoBean
	private PasswordEncoder passwords;

	@MockitoBean
	private SignInThrottle throttle;

	@Test
	void signingUpStoresTheUserWithTheHashOfTheirPassword() throws Exception {
		given(passwords.encode("pw")).willReturn("{argon2}hash");
		given(users.create("Roger Histand", "roger@example.com", "{argon2}hash")).willReturn(true);

		mvc.perform(post("/api/register").with(simulator())
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"username\":\" Roger Histand \",\"email\":\"roger@example.com\",\"pwd\":\"pw\"}"))
			.andExpect(status().isNoContent());

		verify(users).create("Roger Histand", "roger@example.com", "{argon2}hash");
	}

	@Test
	void signingUpAnswersTheSignUpPagesFirstMessage() throws Exception {
		mvc.perform(post("/api/register").with(simulator())
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"username\":\"Roger\",\"email\":\"no address\",\"pwd\":\"\"}"))
			.andExpect(status().isBadRequest())
			.andExpect(
					content().json("{\"status\":400,\"error_msg\":\"You have to enter a valid email address\"}", true));

		verifyNoInteractions(users, passwords);
	}

	@Test
	void aNameTakenIsTheSignUpPagesMessage() throws Exception {
		given(passwords.encode("pw")).willReturn("{argon2}hash");
		given(users.create(anyString(), anyString(), anyString())).willReturn(false);

		mvc.perform(post("/api/register").with(simulator())
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"username\":\"Roger\",\"email\":\"roger@example.com\",\"pwd\":\"pw\"}"))
			.andExpect(content().json("{\"status\":400,\"error_msg\":\"The username is already taken\"}", true));
	}

	@Test
	void followsAreTheNamesOfWhomTheUserFollows() throws Exception {
		given(users.findByUsername("Roger Histand")).willReturn(Optional.of(ROGER));
		given(followers.followedNames(ROGER.userId(), 2)).willReturn(List.of("Alice", "Бо́рис"));

		mvc.perform(get("/api/fllws/Roger Histand?no=2").with(simulator()))
			.andExpect(content().json("{\"follows\":[\"Alice\",\"Бо́рис\"]}", true));
	}

	@Test
	void followingAndUnfollowingChangeThePair() throws Exception {
		given(users.findByUsername("Roger Histand")).willReturn(Optional.of(ROGER));
		given(users.findByUsername("Alice")).willReturn(Optional.of(ALICE));

		mvc.perform(post("/api/fllws/Roger Histand").with(simulator())
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"follow\":\"Alice\"}")).andExpect(status().isNoContent());
		mvc.perform(post("/api/fllws/Roger Histand").with(simulator())
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"unfollow\":\"Alice\"}")).andExpect(status().isNoContent());

		verify(followers).follow(ROGER.userId(), ALICE.userId());
		verify(followers).unfollow(ROGER.userId(), ALICE.userId());
	}

	@Test
	void followingAnUnknownUserIsNotFoundAndChangesNothing() throws Exception {
		given(users.findByUsername("Roger Histand")).willReturn(Optional.of(ROGER));
		given(users.findByUsername("nobody")).willReturn(Optional.empty());

		mvc.perform(post("/api/fllws/Roger Histand").with(simulator())
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"follow\":\"nobody\"}"))
			.andExpect(status().isNotFound())
			.andExpect(content().json("{\"status\":404,\"error_msg\":\"Unknown user\"}", true));

		verify(followers, never()).follow(anyLong(), anyLong());
	}

	@Test
	void theApiTakesNoCsrfTokenNorCreatesASession() throws Exception {
		given(users.findByUsername("Roger Histand")).willReturn(Optional.of(ROGER));
		given(users.findByUsername("Alice")).willReturn(Optional.of(ALICE));

		var result = mvc
			.perform(post("/api/fllws/Roger Histand").with(simulator())
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"follow\":\"Alice\"}"))
			.andExpect(status().isNoContent())
			.andReturn();

		org.assertj.core.api.Assertions.assertThat(result.getRequest().getSession(false)).isNull();
	}

}
