package org.minitwit.timeline;

import java.time.Instant;

import org.minitwit.system.MiniTwitProperties;
import org.minitwit.user.SignedInUser;
import org.minitwit.user.User;
import org.minitwit.user.UserRepository;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The three timelines and posting. Every timeline is paged by a cursor ({@code ?before=}). */
@Controller
class TimelineController {

	static final int MAX_TEXT_LENGTH = 1000;

	private final MessageRepository messages;

	private final UserRepository users;

	private final int pageSize;

	TimelineController(MessageRepository messages, UserRepository users, MiniTwitProperties properties) {
		this.messages = messages;
		this.users = users;
		this.pageSize = properties.pageSize();
	}

	/** The message box counts down to the same limit that {@link #addMessage} enforces. */
	@ModelAttribute("maxTextLength")
	int maxTextLength() {
		return MAX_TEXT_LENGTH;
	}

	@GetMapping("/")
	String myTimeline(@AuthenticationPrincipal SignedInUser me,
			@RequestParam(required = false) Cursor before, Model model) {
		if (me == null) {
			return "redirect:/public";
		}
		return showMyTimeline(me, cursor(before), model);
	}

	@GetMapping("/public")
	String publicTimeline(@RequestParam(required = false) Cursor before, Model model) {
		model.addAttribute("timeline", "public");
		model.addAttribute("title", "Public Timeline");
		model.addAttribute("page", TimelinePage.of(messages.publicTimeline(cursor(before), pageSize + 1), pageSize));
		return "timeline";
	}

	@GetMapping("/{username}")
	String userTimeline(@AuthenticationPrincipal SignedInUser me, @PathVariable String username,
			@RequestParam(required = false) Cursor before, Model model) {
		var profile = users.findProfile(username, me == null ? UserRepository.NOBODY : me.id())
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
		User user = profile.user();
		model.addAttribute("timeline", "user");
		model.addAttribute("title", user.username() + "'s Timeline");
		model.addAttribute("profile", user.username());
		if (me != null) {
			model.addAttribute("followStatus", me.id() == user.userId() ? "self"
					: profile.followedByViewer() ? "following" : "not-following");
		}
		model.addAttribute("page",
				TimelinePage.of(messages.userTimeline(user, cursor(before), pageSize + 1), pageSize));
		return "timeline";
	}

	@PostMapping("/add_message")
	String addMessage(@AuthenticationPrincipal SignedInUser me, @RequestParam(defaultValue = "") String text,
			Model model, RedirectAttributes redirect) {
		if (text.isBlank()) {
			return "redirect:/";
		}
		if (text.codePointCount(0, text.length()) > MAX_TEXT_LENGTH) {
			model.addAttribute("error", "Your message can have at most " + MAX_TEXT_LENGTH + " characters");
			model.addAttribute("text", text);
			return showMyTimeline(me, Cursor.START, model);
		}
		messages.add(me.id(), text, Instant.now().getEpochSecond());
		redirect.addFlashAttribute("flash", "Your message was recorded");
		return "redirect:/";
	}

	private String showMyTimeline(SignedInUser me, Cursor before, Model model) {
		model.addAttribute("timeline", "my");
		model.addAttribute("title", "My Timeline");
		model.addAttribute("page", TimelinePage.of(messages.myTimeline(me.id(), before, pageSize + 1), pageSize));
		return "timeline";
	}

	private static Cursor cursor(Cursor before) {
		return before == null ? Cursor.START : before;
	}

}
