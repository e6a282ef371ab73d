package org.minitwit.api;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.minitwit.timeline.Cursor;
import org.minitwit.timeline.MessageRepository;
import org.minitwit.timeline.TimelineMessage;
import org.minitwit.user.User;
import org.minitwit.user.UserRepository;
import org.minitwit.web.ControlCharacterFilter;

import org.springframework.context.annotation.Conditional;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * {@code latest} and messages: the pages' timeline queries (flagged messages left out)
 * and the pages' limit on a message.
 */
@RestController
@Conditional(ApiSwitch.class)
class ApiMessagesController {

	static final String EMPTY_MESSAGE = "Your message cannot be empty";

	static final String CONTROL_CHARACTERS = "Your message cannot contain control characters";

	private final LatestRepository latest;

	private final MessageRepository messages;

	private final UserRepository users;

	ApiMessagesController(LatestRepository latest, MessageRepository messages, UserRepository users) {
		this.latest = latest;
		this.messages = messages;
		this.users = users;
	}

	record Latest(long latest) {
	}

	record Message(String content, @JsonProperty("pub_date") long pubDate, String user) {

		static Message of(TimelineMessage message) {
			return new Message(message.text(), message.pubDate(), message.username());
		}

	}

	record Post(String content) {
	}

	@GetMapping(ApiPaths.LATEST)
	Latest latest() {
		return new Latest(latest.get());
	}

	@GetMapping(ApiPaths.MESSAGES)
	List<Message> messages(@RequestParam(required = false) String no) {
		return messages.publicTimeline(Cursor.START, Count.of(no)).stream().map(Message::of).toList();
	}

	@GetMapping(ApiPaths.MESSAGES_OF)
	List<Message> messagesOf(@PathVariable String username, @RequestParam(required = false) String no) {
		return messages.userTimeline(user(username), Cursor.START, Count.of(no)).stream().map(Message::of).toList();
	}

	@PostMapping(ApiPaths.MESSAGES_OF)
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void post(@PathVariable String username, @RequestBody Post post) {
		String text = post.content() == null ? "" : post.content();
		if (text.isBlank()) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, EMPTY_MESSAGE);
		}
		if (MessageRepository.isTooLong(text)) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, MessageRepository.TOO_LONG);
		}
		if (ControlCharacterFilter.hasControlCharacters(text)) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, CONTROL_CHARACTERS);
		}
		messages.add(user(username).userId(), text, Instant.now().getEpochSecond());
	}

	private User user(String username) {
		return users.findByUsername(username).orElseThrow(ApiErrors::unknownUser);
	}

}
