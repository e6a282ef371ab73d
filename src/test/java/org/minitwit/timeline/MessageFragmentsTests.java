package org.minitwit.timeline;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

import static org.assertj.core.api.Assertions.assertThat;

class MessageFragmentsTests {

	private final MessageFragments fragments = new MessageFragments(engine());

	private final TimelineMessage message = new TimelineMessage(1, "<b>bold</b> & 😀", 1_000_000_000, "Roger Histand",
			"roger@example.com");

	@Test
	void aMessageIsItsTemplateWithEveryUserTextEscaped() {
		String html = fragments.of(List.of(message)).get(0);

		assertThat(html).startsWith("<li>")
			.contains("<a href=\"/Roger%20Histand\"><bdi>Roger Histand</bdi></a>")
			.contains("<bdi class=\"text\">&lt;b&gt;bold&lt;/b&gt; &amp; 😀</bdi>")
			.contains("&mdash; 2001-09-09 @ 01:46")
			.contains("src=\"" + message.avatarUrl().replace("&", "&amp;") + "\"")
			.doesNotContain("<b>");
	}

	@Test
	void aMessageIsRenderedOnceAndAnyChangeIsANewMessage() {
		String first = fragments.of(List.of(message)).get(0);

		assertThat(fragments.of(List.of(message)).get(0)).isSameAs(first);
		var edited = new TimelineMessage(1, "edited", message.pubDate(), message.username(), message.email());
		assertThat(fragments.of(List.of(edited)).get(0)).contains("edited").doesNotContain("bold");
	}

	private static SpringTemplateEngine engine() {
		var resolver = new ClassLoaderTemplateResolver();
		resolver.setPrefix("templates/");
		resolver.setSuffix(".html");
		var engine = new SpringTemplateEngine();
		engine.setTemplateResolver(resolver);
		return engine;
	}

}
