package org.minitwit.follow;

import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.minitwit.security.SecurityConfig;
import org.minitwit.user.SignedInUser;
import org.minitwit.user.User;
import org.minitwit.user.UserRepository;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import static org.minitwit.support.SignedIn.as;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@WebMvcTest(FollowController.class)
@Import(SecurityConfig.class)
class FollowControllerSliceTests {

	private static final SignedInUser ALICE = new SignedInUser(7, "alice");

	private static final User ROGER = new User(8, "Roger Histand", "roger@example.com", "{argon2}irrelevant");

	@Autowired
	private MockMvc mvc;

	@MockitoBean
	private UserRepository users;

	@MockitoBean
	private FollowerRepository followers;

	@Test
	void followingRecordsThePairAndReturnsToTheUsersPageUnderTheirOwnName() throws Exception {
		given(users.findByUsername("roger histand")).willReturn(Optional.of(ROGER));

		mvc.perform(post("/roger histand/follow").with(as(ALICE)).with(csrf()))
			.andExpect(redirectedUrl("/Roger%20Histand"))
			.andExpect(flash().attribute("flash", "You are now following \"Roger Histand\""));

		verify(followers).follow(ALICE.id(), ROGER.userId());
	}

	@Test
	void unfollowingRemovesThePair() throws Exception {
		given(users.findByUsername("Roger Histand")).willReturn(Optional.of(ROGER));

		mvc.perform(post("/Roger Histand/unfollow").with(as(ALICE)).with(csrf()))
			.andExpect(redirectedUrl("/Roger%20Histand"))
			.andExpect(flash().attribute("flash", "You are no longer following \"Roger Histand\""));

		verify(followers).unfollow(ALICE.id(), ROGER.userId());
	}

	@Test
	void followingOrUnfollowingAnUnknownUserIsNotFound() throws Exception {
		given(users.findByUsername("nobody")).willReturn(Optional.empty());

		mvc.perform(post("/nobody/follow").with(as(ALICE)).with(csrf())).andExpect(status().isNotFound());
		mvc.perform(post("/nobody/unfollow").with(as(ALICE)).with(csrf())).andExpect(status().isNotFound());

		verifyNoInteractions(followers);
	}

	@Test
	void followingYourselfChangesNothing() throws Exception {
		given(users.findByUsername("alice"))
			.willReturn(Optional.of(new User(ALICE.id(), "alice", "a@example.com", "x")));

		mvc.perform(post("/alice/follow").with(as(ALICE)).with(csrf()))
			.andExpect(redirectedUrl("/alice"))
			.andExpect(flash().attributeCount(0));

		verify(followers, never()).follow(anyLong(), anyLong());
	}

	@Test
	void signedOutFollowingIsSentToSignIn() throws Exception {
		mvc.perform(post("/Roger Histand/follow").with(csrf())).andExpect(redirectedUrl("/login"));
		mvc.perform(post("/Roger Histand/unfollow").with(csrf())).andExpect(redirectedUrl("/login"));

		verifyNoInteractions(users, followers);
	}

	@Test
	void followingWithoutTheCsrfTokenIsForbidden() throws Exception {
		mvc.perform(post("/Roger Histand/follow").with(as(ALICE))).andExpect(status().isForbidden());

		verifyNoInteractions(users, followers);
	}

}
