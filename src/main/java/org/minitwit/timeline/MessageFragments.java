package org.minitwit.timeline;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.TemplateSpec;
import org.thymeleaf.context.Context;
import org.thymeleaf.templatemode.TemplateMode;

import org.springframework.stereotype.Component;
import org.springframework.util.ConcurrentLruCache;

/**
 * The markup of each message as a timeline shows it, from its template
 * ({@code message.html}), made once per message and kept for the next page that shows it:
 * rendering the thirty messages of a page was most of a page's work, and every timeline
 * shows the same recent messages to everyone. The key is the whole message as read, so a
 * message that changed in any way is a new key: nothing kept can be stale.
 */
@Component
class MessageFragments {

	/** Enough for every message on the pages most read, a few MB of heap at most. */
	private static final int KEPT = 4096;

	private static final TemplateSpec MESSAGE = new TemplateSpec("message", Set.of("message"), TemplateMode.HTML, null);

	private final ConcurrentLruCache<TimelineMessage, String> rendered;

	MessageFragments(ITemplateEngine templates) {
		this.rendered = new ConcurrentLruCache<>(KEPT,
				message -> templates.process(MESSAGE, new Context(Locale.ENGLISH, Map.of("message", message))));
	}

	List<String> of(List<TimelineMessage> messages) {
		return messages.stream().map(rendered::get).toList();
	}

}
