package org.minitwit.timeline;

import java.time.Instant;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;

import org.minitwit.follow.FollowerRepository;
import org.minitwit.replica.ReadsOnly;
import org.minitwit.user.SignedInUser;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The three timelines and posting. Every timeline is paged by a cursor
 * ({@code ?before=}).
 */
@Controller
class TimelineController {

	private static final String ADD_MESSAGE = "/add_message";

	private final MessageRepository messages;

	private final FollowerRepository followers;

	private final MessageFragments fragments;

	private final int pageSize;

	private final Counter posts;

	TimelineController(MessageRepository messages, FollowerRepository followers, MessageFragments fragments,
			TimelineProperties properties, MeterRegistry meters) {
		this.messages = messages;
		this.followers = followers;
		this.fragments = fragments;
		this.pageSize = properties.pageSize();
		this.posts = Counter.builder("minitwit.posts").description("Messages posted").register(meters);
	}

	@GetMapping("/")
	@ReadsOnly
	String myTimeline(@AuthenticationPrincipal SignedInUser me, @RequestParam(required = false) Cursor before,
			Model model) {
		if (me == null) {
			return "redirect:/public";
		}
		return showMyTimeline(me, cursor(before), model);
	}

	@GetMapping("/public")
	@ReadsOnly
	String publicTimeline(@RequestParam(required = false) Cursor before, Model model) {
		return show(Timeline.PUBLIC, "Public Timeline", messages.publicTimeline(cursor(before), pageSize + 1), model);
	}

	@GetMapping("/{username}")
	@ReadsOnly
	String userTimeline(@AuthenticationPrincipal SignedInUser me, @PathVariable String username,
			@RequestParam(required = false) Cursor before, Model model) {
		long viewerId = me == null ? FollowerRepository.NOBODY : me.id();
		var profile = followers.findProfile(username, viewerId)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
		var user = profile.user();
		model.addAttribute("profile", user.username());
		if (me != null) {
			model.addAttribute("followStatus", profile.statusFor(viewerId));
		}
		return show(Timeline.USER, user.username() + "'s Timeline",
				messages.userTimeline(user, cursor(before), pageSize + 1), model);
	}

	@PostMapping(ADD_MESSAGE)
	String addMessage(@AuthenticationPrincipal SignedInUser me, @RequestParam(defaultValue = "") String text,
			Model model, RedirectAttributes redirect) {
		if (text.isBlank()) {
			return "redirect:/";
		}
		if (MessageRepository.isTooLong(text)) {
			model.addAttribute("error", MessageRepository.TOO_LONG);
			model.addAttribute("text", text);
			return showMyTimeline(me, Cursor.START, model);
		}
		messages.add(me.id(), text, Instant.now().getEpochSecond());
		this.posts.increment();
		redirect.addFlashAttribute("flash", "Your message was recorded");
		return "redirect:/";
	}

	/**
	 * GET would otherwise reach the page of a user who cannot exist (404); posting is an
	 * action (405).
	 */
	@GetMapping(ADD_MESSAGE)
	void addMessageIsAnAction() throws HttpRequestMethodNotSupportedException {
		throw new HttpRequestMethodNotSupportedException("GET", List.of("POST"));
	}

	private String showMyTimeline(SignedInUser me, Cursor before, Model model) {
		// The message box counts down to the same limit that addMessage enforces.
		model.addAttribute("maxTextLength", MessageRepository.MAX_TEXT_LENGTH);
		return show(Timeline.MY, "My Timeline", messages.myTimeline(me.id(), before, pageSize + 1), model);
	}

	private String show(Timeline timeline, String title, List<TimelineMessage> rows, Model model) {
		model.addAttribute("timeline", timeline);
		model.addAttribute("title", title);
		var page = TimelinePage.of(rows, pageSize);
		model.addAttribute("page", page);
		model.addAttribute("messages", fragments.of(page.messages()));
		return "timeline";
	}

	private static Cursor cursor(Cursor before) {
		return before == null ? Cursor.START : before;
	}

}
