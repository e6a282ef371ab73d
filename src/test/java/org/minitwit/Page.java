package org.minitwit;

import java.net.URI;
import java.net.http.HttpHeaders;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.web.util.HtmlUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * One answer of MiniTwit, read the way its templates write pages. The readers return text
 * as a person sees it (tags dropped, character references resolved); {@link #html()} is
 * the raw page.
 */
record Page(URI uri, int status, HttpHeaders headers, String html) {

	private static final Pattern TITLE = Pattern.compile("<title>(.*?)</title>", Pattern.DOTALL);

	private static final Pattern CSRF_TOKEN = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"");

	private static final Pattern FORM_ACTION = Pattern.compile("<form\\b[^>]*\\baction=\"([^\"]*)\"");

	private static final Pattern NAVIGATION = Pattern.compile("<nav\\b[^>]*>(.*?)</nav>", Pattern.DOTALL);

	private static final Pattern FLASHES = Pattern.compile("<ul class=\"flashes\"[^>]*>(.*?)</ul>", Pattern.DOTALL);

	private static final Pattern LIST_ITEM = Pattern.compile("<li>(.*?)</li>", Pattern.DOTALL);

	private static final Pattern ERROR = Pattern.compile("<div class=\"error\"[^>]*>(.*?)</div>", Pattern.DOTALL);

	private static final Pattern MESSAGE = Pattern.compile("""
			<li>\\s*<img [^>]*?src="(?<avatar>[^"]*)"[^>]*>\\s*<p>\\s*\
			<strong><a href="(?<link>[^"]*)">(?<author>[^<]*)</a></strong>\\s*\
			<span class="text">(?<text>[^<]*)</span>\\s*\
			<small>(?<date>[^<]*)</small>""");

	private static final Pattern OLDER_MESSAGES = Pattern.compile("<a rel=\"next\" href=\"([^\"]*)\">Older messages");

	private static final Pattern TAG = Pattern.compile("<[^>]*>");

	/** A message as a timeline shows it. */
	record Message(String author, String authorLink, String text, String publishedAt, String avatarUrl) {
	}

	/**
	 * Where this redirect points, as path and query on this site; fails unless this is a
	 * redirect.
	 */
	String redirectTarget() {
		assertThat(status).as("status of %s (a redirect was expected)", uri).isIn(302, 303);
		URI target = uri.resolve(header("Location"));
		assertThat(target.getRawAuthority()).as("redirect of %s stays on the site", uri)
			.isEqualTo(uri.getRawAuthority());
		return pathAndQuery(target);
	}

	String header(String name) {
		return headers.firstValue(name).orElseThrow(() -> new AssertionError(uri + " has no " + name + " header"));
	}

	/** The page's text as a person reads it, whitespace collapsed. */
	String text() {
		return visible(html);
	}

	/** The page title without the {@code | MiniTwit} suffix every page has. */
	String title() {
		String title = visible(first(TITLE));
		assertThat(title).as("title of %s", uri).endsWith(" | MiniTwit");
		return title.substring(0, title.length() - " | MiniTwit".length());
	}

	/**
	 * The navigation bar as it reads, such as
	 * {@code public timeline | sign up | sign in}.
	 */
	String navigation() {
		return visible(first(NAVIGATION));
	}

	List<String> flashes() {
		Matcher flashes = FLASHES.matcher(html);
		return flashes.find() ? all(LIST_ITEM, flashes.group(1)) : List.of();
	}

	/**
	 * The form error, such as {@code Error: Invalid username}; empty if there is none.
	 */
	Optional<String> error() {
		return find(ERROR);
	}

	/**
	 * The value in a text input, or the text of a textarea, as the browser would fill it
	 * in.
	 */
	String field(String name) {
		var input = Pattern.compile("<input\\b[^>]*\\bname=\"" + Pattern.quote(name) + "\"[^>]*>").matcher(html);
		if (input.find()) {
			var value = Pattern.compile("\\bvalue=\"([^\"]*)\"").matcher(input.group());
			return value.find() ? HtmlUtils.htmlUnescape(value.group(1)) : "";
		}
		var textarea = Pattern
			.compile("<textarea\\b[^>]*\\bname=\"" + Pattern.quote(name) + "\"[^>]*>(.*?)</textarea>", Pattern.DOTALL)
			.matcher(html);
		if (textarea.find()) {
			return HtmlUtils.htmlUnescape(textarea.group(1));
		}
		return fail("%s has no field %s", uri, name);
	}

	String csrfToken() {
		return first(CSRF_TOKEN);
	}

	/**
	 * The actions of the page's forms, as written in the page (so encoded like a link).
	 */
	List<String> formActions() {
		return FORM_ACTION.matcher(html).results().map(result -> HtmlUtils.htmlUnescape(result.group(1))).toList();
	}

	/** The timeline's messages, top to bottom. */
	List<Message> messages() {
		var messages = new ArrayList<Message>();
		var message = MESSAGE.matcher(html);
		while (message.find()) {
			messages
				.add(new Message(unescaped(message, "author"), unescaped(message, "link"), unescaped(message, "text"),
						unescaped(message, "date").replaceFirst("^— ", ""), unescaped(message, "avatar")));
		}
		return messages;
	}

	/** The path and query of the "Older messages" link, if the timeline has more. */
	Optional<String> olderMessages() {
		var link = OLDER_MESSAGES.matcher(html);
		if (!link.find()) {
			return Optional.empty();
		}
		String href = HtmlUtils.htmlUnescape(link.group(1));
		// A query-only link continues the page's own path; URI.resolve would drop the
		// last segment.
		return Optional
			.of(pathAndQuery(href.startsWith("?") ? URI.create(uri.getRawPath() + href) : uri.resolve(href)));
	}

	private Optional<String> find(Pattern pattern) {
		Matcher matcher = pattern.matcher(html);
		return matcher.find() ? Optional.of(visible(matcher.group(1))) : Optional.empty();
	}

	private List<String> all(Pattern pattern, String fragment) {
		return pattern.matcher(fragment).results().map(result -> visible(result.group(1))).toList();
	}

	private String first(Pattern pattern) {
		Matcher matcher = pattern.matcher(html);
		if (!matcher.find()) {
			fail("%s (status %d) has nothing like %s:%n%s", uri, status, pattern, html);
		}
		return matcher.group(1);
	}

	private static String unescaped(Matcher matcher, String group) {
		return HtmlUtils.htmlUnescape(matcher.group(group));
	}

	private static String pathAndQuery(URI target) {
		return target.getRawPath() + (target.getRawQuery() == null ? "" : "?" + target.getRawQuery());
	}

	private static String visible(String fragment) {
		return HtmlUtils.htmlUnescape(TAG.matcher(fragment).replaceAll(" ")).replaceAll("\\s+", " ").strip();
	}

}
