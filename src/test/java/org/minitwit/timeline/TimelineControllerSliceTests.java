package org.minitwit.timeline;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;
import org.minitwit.follow.FollowerRepository;
import org.minitwit.follow.FollowerRepository.FollowStatus;
import org.minitwit.follow.FollowerRepository.Profile;
import org.minitwit.security.SecurityConfig;
import org.minitwit.user.SignedInUser;
import org.minitwit.user.User;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.minitwit.support.SignedIn.as;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.longThat;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.never;
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
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;

@WebMvcTest(TimelineController.class)
@Import({ SecurityConfig.class, MessageFragments.class, SimpleMeterRegistry.class })
@EnableConfigurationProperties(TimelineProperties.class)
class TimelineControllerSliceTests {

	private static final SignedInUser ALICE = new SignedInUser(7, "alice");

	private static final User BOB = new User(8, "Bob", "bob@example.com", "{argon2}irrelevant");

	@Autowired
	private MockMvc mvc;

	@Autowired
	private MeterRegistry meters;

	@MockitoBean
	private MessageRepository messages;

	@MockitoBean
	private FollowerRepository followers;

	@Test
	void signedOutMyTimelineRedirectsToThePublicTimeline() throws Exception {
		mvc.perform(get("/")).andExpect(status().isFound()).andExpect(redirectedUrl("/public"));

		verifyNoInteractions(messages);
	}

	@Test
	void myTimelineShowsTheSignedInUsersTimeline() throws Exception {
		mvc.perform(get("/").with(as(ALICE)))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("What's on your mind <bdi>alice</bdi>?")));

		verify(messages).myTimeline(ALICE.id(), Cursor.START, 31);
	}

	@Test
	void messagesAreShownAsTextNeverAsMarkup() throws Exception {
		given(messages.publicTimeline(any(), anyInt())).willReturn(
				List.of(new TimelineMessage(1, "<script>alert(1)</script>", 0, "<b>Bob</b>", "bob@example.com")));

		mvc.perform(get("/public"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("&lt;script&gt;alert(1)&lt;/script&gt;")))
			.andExpect(content().string(containsString("&lt;b&gt;Bob&lt;/b&gt;")))
			.andExpect(content().string(not(containsString("<script>"))));
	}

	@Test
	void emptyTimelineSaysSo() throws Exception {
		mvc.perform(get("/public")).andExpect(content().string(containsString("There's no message so far.")));
	}

	@Test
	void aFullPageLinksToOlderMessagesFromTheLastMessageShown() throws Exception {
		var rows = LongStream.rangeClosed(1, 31)
			.map(id -> 32 - id)
			.mapToObj(id -> new TimelineMessage(id, "message " + id, 1_700_000_000 + id / 10, "bob", "bob@example.com"))
			.toList();
		given(messages.publicTimeline(Cursor.START, 31)).willReturn(rows);

		mvc.perform(get("/public"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("<a rel=\"next\" href=\"?before=1700000000-2\">Older messages")))
			.andExpect(content().string(not(containsString("message 1<"))));
	}

	@Test
	void unknownUserIsNotFound() throws Exception {
		given(followers.findProfile("nobody", FollowerRepository.NOBODY)).willReturn(Optional.empty());
		given(followers.findProfile("nobody", ALICE.id())).willReturn(Optional.empty());

		mvc.perform(get("/nobody")).andExpect(status().isNotFound());
		mvc.perform(get("/nobody").with(as(ALICE))).andExpect(status().isNotFound());
	}

	@Test
	void malformedCursorIsABadRequest() throws Exception {
		mvc.perform(get("/public").param("before", "yesterday")).andExpect(status().isBadRequest());

		verifyNoInteractions(messages);
	}

	@Test
	void cursorOfTheOlderMessagesLinkContinuesThePage() throws Exception {
		given(followers.findProfile("Bob", FollowerRepository.NOBODY)).willReturn(Optional.of(new Profile(BOB, false)));

		mvc.perform(get("/Bob").param("before", "1700000000-42")).andExpect(status().isOk());

		verify(messages).userTimeline(BOB, new Cursor(1_700_000_000, 42), 31);
	}

	@Test
	void userPageTellsASignedInVisitorWhetherTheyFollow() throws Exception {
		given(followers.findProfile("Bob", ALICE.id())).willReturn(Optional.of(new Profile(BOB, true)),
				Optional.of(new Profile(BOB, false)));
		given(followers.findProfile("Bob", BOB.userId())).willReturn(Optional.of(new Profile(BOB, false)));
		given(followers.findProfile("Bob", FollowerRepository.NOBODY)).willReturn(Optional.of(new Profile(BOB, false)));

		mvc.perform(get("/Bob").with(as(ALICE)))
			.andExpect(model().attribute("followStatus", FollowStatus.FOLLOWING))
			.andExpect(content().string(containsString("You are currently following this user.")));
		mvc.perform(get("/Bob").with(as(ALICE)))
			.andExpect(model().attribute("followStatus", FollowStatus.NOT_FOLLOWING))
			.andExpect(content().string(containsString("You are not yet following this user.")));
		mvc.perform(get("/Bob").with(as(new SignedInUser(BOB.userId(), BOB.username()))))
			.andExpect(content().string(containsString("This is you!")));
		mvc.perform(get("/Bob")).andExpect(model().attributeDoesNotExist("followStatus"));
	}

	@Test
	void messageIsStoredWithItsAuthorAndTheCurrentTime() throws Exception {
		long before = Instant.now().getEpochSecond();
		double posts = posts();

		mvc.perform(post("/add_message").param("text", "Hello, world").with(as(ALICE)).with(csrf()))
			.andExpect(redirectedUrl("/"))
			.andExpect(flash().attribute("flash", "Your message was recorded"));

		verify(messages).add(eq(ALICE.id()), eq("Hello, world"),
				longThat(time -> time >= before && time <= Instant.now().getEpochSecond()));
		assertThat(posts() - posts).isEqualTo(1);
	}

	private double posts() {
		return meters.get("minitwit.posts").counter().count();
	}

	@Test
	void blankMessageStoresNothingAndFlashesNothing() throws Exception {
		double posts = posts();
		for (String blank : List.of("", " ", " \t\r\n ")) {
			mvc.perform(post("/add_message").param("text", blank).with(as(ALICE)).with(csrf()))
				.andExpect(redirectedUrl("/"))
				.andExpect(flash().attributeCount(0));
		}
		mvc.perform(post("/add_message").with(as(ALICE)).with(csrf())).andExpect(redirectedUrl("/"));

		verify(messages, never()).add(anyLong(), anyString(), anyLong());
		assertThat(posts()).isEqualTo(posts);
	}

	@Test
	void overLongMessageStoresNothingAndComesBackWithTheErrorAndTheText() throws Exception {
		// 1001 code points, 2002 Java chars: the limit counts what the user sees
		String text = "😀".repeat(1001);

		var result = mvc.perform(post("/add_message").param("text", text).with(as(ALICE)).with(csrf()))
			.andExpect(status().isOk())
			.andExpect(view().name("timeline"))
			.andExpect(model().attribute("error", "Your message can have at most 1000 characters"))
			.andExpect(flash().attributeCount(0))
			.andReturn();

		assertThat(result.getResponse().getContentAsString()).contains(">" + text + "</textarea>");
		verify(messages, never()).add(anyLong(), anyString(), anyLong());
	}

	@Test
	void messageOfExactlyTheLimitIsStored() throws Exception {
		String text = "😀".repeat(1000);

		mvc.perform(post("/add_message").param("text", text).with(as(ALICE)).with(csrf()))
			.andExpect(redirectedUrl("/"));

		verify(messages).add(eq(ALICE.id()), eq(text), anyLong());
	}

	@Test
	void signedOutPostingIsSentToSignIn() throws Exception {
		mvc.perform(post("/add_message").param("text", "hi").with(csrf())).andExpect(redirectedUrl("/login"));
		// a session that expired loses its CSRF token too: the form is stale, whoever
		// sends it
		mvc.perform(post("/add_message").param("text", "hi")).andExpect(status().isForbidden());

		verifyNoInteractions(messages);
	}

	@Test
	void postingWithoutTheCsrfTokenIsForbidden() throws Exception {
		mvc.perform(post("/add_message").param("text", "hi").with(as(ALICE))).andExpect(status().isForbidden());
		mvc.perform(post("/add_message").param("text", "hi").with(as(ALICE)).with(csrf().useInvalidToken()))
			.andExpect(status().isForbidden());

		verifyNoInteractions(messages);
	}

}
