package org.minitwit.api;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.minitwit.security.SecurityConfig;
import org.minitwit.signin.SignInThrottle;
import org.minitwit.timeline.Cursor;
import org.minitwit.timeline.MessageRepository;
import org.minitwit.timeline.TimelineMessage;
import org.minitwit.user.User;
import org.minitwit.user.UserRepository;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@WebMvcTest(controllers = ApiMessagesController.class, properties = "minitwit.api.password=slice-password")
@Import({ SecurityConfig.class, ApiSecurityConfig.class, ApiJson.class })
class ApiMessagesControllerSliceTests {

	private static final User ROGER = new User(8, "Roger Histand", "roger@example.com", "{argon2}irrelevant");

	@Autowired
	private MockMvc mvc;

	@MockitoBean
	private LatestRepository latest;

	@MockitoBean
	private MessageRepository messages;

	@MockitoBean
	private UserRepository users;

	@MockitoBean
	private SignInThrottle throttle;

	@Test
	void latestIsTheStoredValue() throws Exception {
		given(latest.get()).willReturn(42L);

		mvc.perform(get("/api/latest").with(simulator())).andExpect(content().json("{\"latest\":42}", true));
	}

	@Test
	void latestIsRecordedBeforeTheRequestIsHandledEvenWhenItFails() throws Exception {
		given(users.findByUsername("nobody")).willReturn(Optional.empty());

		mvc.perform(get("/api/msgs/nobody?latest=7").with(simulator()))
			.andExpect(status().isNotFound())
			.andExpect(content().json("{\"status\":404,\"error_msg\":\"Unknown user\"}", true));

		var order = inOrder(latest, users);
		order.verify(latest).set(7);
		order.verify(users).findByUsername("nobody");
	}

	@Test
	void publicMessagesAreThePublicTimelineOfTheCountAskedFor() throws Exception {
		given(messages.publicTimeline(Cursor.START, 5))
			.willReturn(List.of(new TimelineMessage(3, "Hello", 1_600_000_000, ROGER.username(), ROGER.email())));

		mvc.perform(get("/api/msgs?no=5").with(simulator()))
			.andExpect(content().json("[{\"content\":\"Hello\",\"pub_date\":1600000000,\"user\":\"Roger Histand\"}]",
					true));
	}

	@Test
	void aCountThatIsNotAPositiveIntegerIsTheDefaultAndNoneIsOverTheMaximum() throws Exception {
		for (String no : List.of("-1", "abc", "0")) {
			mvc.perform(get("/api/msgs?no=" + no).with(simulator())).andExpect(status().isOk());
		}
		mvc.perform(get("/api/msgs?no=1000000").with(simulator())).andExpect(status().isOk());

		verify(messages, org.mockito.Mockito.times(3)).publicTimeline(Cursor.START, Count.DEFAULT);
		verify(messages).publicTimeline(Cursor.START, Count.MAX);
	}

	@Test
	void anAuthorsMessagesAreTheirTimeline() throws Exception {
		given(users.findByUsername("roger histand")).willReturn(Optional.of(ROGER));
		given(messages.userTimeline(ROGER, Cursor.START, Count.DEFAULT))
			.willReturn(List.of(new TimelineMessage(3, "Mine", 1_600_000_000, ROGER.username(), ROGER.email())));

		mvc.perform(get("/api/msgs/roger histand").with(simulator()))
			.andExpect(content().json("[{\"content\":\"Mine\",\"pub_date\":1600000000,\"user\":\"Roger Histand\"}]",
					true));
	}

	@Test
	void postingStoresTheMessageAsTheAuthor() throws Exception {
		given(users.findByUsername("Roger Histand")).willReturn(Optional.of(ROGER));

		mvc.perform(post("/api/msgs/Roger Histand").with(simulator())
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"content\":\"Hi there\"}")).andExpect(status().isNoContent());

		verify(messages).add(eq(ROGER.userId()), eq("Hi there"), anyLong());
	}

	@Test
	void aMessageOverThePagesLimitIsRefused() throws Exception {
		given(users.findByUsername("Roger Histand")).willReturn(Optional.of(ROGER));

		mvc.perform(post("/api/msgs/Roger Histand").with(simulator())
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"content\":\"" + "é".repeat(MessageRepository.MAX_TEXT_LENGTH + 1) + "\"}"))
			.andExpect(status().isBadRequest())
			.andExpect(content().json("{\"status\":400,\"error_msg\":\"" + MessageRepository.TOO_LONG + "\"}", true));

		verify(messages, never()).add(anyLong(), anyString(), anyLong());
	}

	@Test
	void withoutTheRightCredentialsNothingHappensAndTheFailureIsCounted() throws Exception {
		mvc.perform(post("/api/msgs/Roger Histand?latest=3").with(httpBasic("simulator", "wrong"))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"content\":\"Hi there\"}"))
			.andExpect(status().isForbidden())
			.andExpect(header().doesNotExist("Set-Cookie"))
			.andExpect(content().json("{\"status\":403,\"error_msg\":\"" + ApiError.NOT_AUTHORIZED + "\"}", true));
		mvc.perform(get("/api/latest")).andExpect(status().isForbidden());

		verify(throttle).addressFailed("127.0.0.1");
		verifyNoInteractions(latest, messages, users);
	}

	@Test
	void anAddressOverItsLimitIsRefusedEvenWithTheRightCredentials() throws Exception {
		given(throttle.addressRefusal("127.0.0.1")).willReturn(Optional.of(java.time.Duration.ofSeconds(90)));

		mvc.perform(get("/api/latest?latest=3").with(simulator()))
			.andExpect(status().isTooManyRequests())
			.andExpect(header().string("Retry-After", "90"))
			.andExpect(content().json("{\"status\":429}"));

		verifyNoInteractions(latest);
	}

	static org.springframework.test.web.servlet.request.RequestPostProcessor simulator() {
		return httpBasic("simulator", "slice-password");
	}

}
