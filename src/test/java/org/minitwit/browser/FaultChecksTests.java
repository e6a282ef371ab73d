package org.minitwit.browser;

import java.time.Instant;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The browser tests notice what a person would: a page that fails to load a part of
 * itself, a script that breaks.
 */
@InChromium
class FaultChecksTests {

	@Autowired
	private Seed seed;

	@Test
	@DisplayName("fault checks: a missing stylesheet fails the page")
	void aMissingStylesheetFailsThePage(Chromium chromium) {
		chromium.open("/public");
		chromium.shows("Public Timeline");

		chromium.script("""
				const link = document.createElement('link');
				link.rel = 'stylesheet';
				link.href = '/static/no-such-style.css';
				const loaded = new Promise(settled => link.onload = link.onerror = settled);
				document.head.append(link);
				return loaded.then(() => true)""");

		assertThatThrownBy(chromium::checkForFaults)
			.hasMessageContaining("HTTP 404 for " + chromium.site() + "/static/no-such-style.css");
	}

	@Test
	@DisplayName("fault checks: a JavaScript error fails the page")
	void aJavaScriptErrorFailsThePage(Chromium chromium) {
		chromium.open("/public");
		chromium.shows("Public Timeline");

		chromium.script("""
				setTimeout(() => { throw new Error('a broken script'); });
				return new Promise(done => setTimeout(done, 100)).then(() => true)""");

		assertThatThrownBy(chromium::checkForFaults).hasMessageContaining("a broken script");
	}

	@Test
	@DisplayName("fault checks: avatars that cannot reach Gravatar are no fault, and give way to a plain one")
	void avatarsThatCannotReachGravatarAreNoFault(Chromium chromium) {
		var author = seed.user("Avatar");
		seed.message(author, "Where is my face?", Instant.now());

		chromium.open("/" + author.username());
		chromium.shows(author.username() + "'s Timeline");

		chromium.waitFor("the plain avatar", () -> chromium.script("""
				const avatar = document.querySelector('ul.messages img');
				return avatar.src.endsWith('/static/avatar.svg') && avatar.complete && avatar.naturalWidth > 0"""));
		chromium.checkForFaults();
	}

}
