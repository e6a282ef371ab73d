package org.minitwit;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.springframework.web.util.UriUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A browser for MiniTwit over real HTTP: it keeps cookies like a browser, but never
 * follows a redirect by itself, so that tests say where each one goes. Forms are
 * submitted from the page they are on, with that page's CSRF token, as a browser would.
 */
final class Browser {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	/** How long a request may take before the browser gives up on it. */
	private final Duration timeout;

	private final URI site;

	private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);

	private final HttpClient http;

	/**
	 * Sent with every request: how a test stands for a client behind the load balancer.
	 */
	private final Map<String, String> headers;

	Browser(URI site) {
		this(site, TIMEOUT);
	}

	/** A browser that waits up to {@code timeout} for each answer (20 s otherwise). */
	Browser(URI site, Duration timeout) {
		this(site, Map.of(), timeout);
	}

	private Browser(URI site, Map<String, String> headers, Duration timeout) {
		this.site = site;
		this.headers = headers;
		this.timeout = timeout;
		this.http = HttpClient.newBuilder()
			.cookieHandler(cookies)
			.followRedirects(HttpClient.Redirect.NEVER)
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(timeout)
			.build();
	}

	/**
	 * A new browser (no cookies) of a client at {@code address}, as the load balancer
	 * would forward its requests: MiniTwit trusts {@code X-Forwarded-For} from a loopback
	 * proxy, so it sees this address as the client's. Tests that count failed sign-ins
	 * use one address each.
	 */
	Browser from(String address) {
		return new Browser(site, Map.of("X-Forwarded-For", address), timeout);
	}

	/** A new browser (no cookies) that sends these headers with every request as well. */
	Browser withHeaders(Map<String, String> more) {
		var all = new HashMap<>(headers);
		all.putAll(more);
		return new Browser(site, Map.copyOf(all), timeout);
	}

	/** The path of a user's page, {@code /<username>}, encoded as in a link. */
	static String userPath(String username) {
		return "/" + UriUtils.encodePathSegment(username, StandardCharsets.UTF_8);
	}

	Page get(String path) {
		return send(request(path).GET());
	}

	/** Posts a form exactly as given: no CSRF token unless the fields hold one. */
	Page post(String path, String... namesAndValues) {
		return send(request(path).header("Content-Type", "application/x-www-form-urlencoded")
			.POST(BodyPublishers.ofString(formBody(namesAndValues))));
	}

	/**
	 * Posts a form body of exactly these bytes, encoded or not: how a test sends what no
	 * browser would.
	 */
	Page postBytes(String path, byte[] body) {
		return send(request(path).header("Content-Type", "application/x-www-form-urlencoded")
			.POST(BodyPublishers.ofByteArray(body)));
	}

	/**
	 * Submits the form of {@code page} whose action is {@code action}, with the page's
	 * CSRF token.
	 */
	Page submit(Page page, String action, String... namesAndValues) {
		assertThat(page.formActions()).as("forms on %s", page.uri()).contains(action);
		var fields = new ArrayList<>(Arrays.asList(namesAndValues));
		fields.add("_csrf");
		fields.add(page.csrfToken());
		return post(action, fields.toArray(String[]::new));
	}

	/** Goes where a redirect points; fails if {@code redirect} is not one. */
	Page follow(Page redirect) {
		return get(redirect.redirectTarget());
	}

	Page signUp(String username, String email, String password, String password2) {
		return submit(get("/register"), "/register", "username", username, "email", email, "password", password,
				"password2", password2);
	}

	Page signIn(String username, String password) {
		return submit(get("/login"), "/login", "username", username, "password", password);
	}

	Page signOut() {
		return submit(get("/public"), "/logout");
	}

	Page share(String text) {
		return submit(get("/"), "/add_message", "text", text);
	}

	Page followUser(String username) {
		return submit(get(userPath(username)), userPath(username) + "/follow");
	}

	Page unfollowUser(String username) {
		return submit(get(userPath(username)), userPath(username) + "/unfollow");
	}

	Optional<String> cookie(String name) {
		return cookies.getCookieStore()
			.get(site)
			.stream()
			.filter(cookie -> cookie.getName().equals(name))
			.map(HttpCookie::getValue)
			.findFirst();
	}

	/**
	 * Sets a cookie as if the site had: a test can come back with a session id it has
	 * seen before.
	 */
	void setCookie(String name, String value) {
		var cookie = new HttpCookie(name, value);
		cookie.setPath("/");
		cookie.setVersion(0);
		cookies.getCookieStore().add(site, cookie);
	}

	private HttpRequest.Builder request(String path) {
		var request = HttpRequest.newBuilder(site.resolve(path)).timeout(timeout);
		headers.forEach(request::header);
		return request;
	}

	private Page send(HttpRequest.Builder builder) {
		var request = builder.build();
		try {
			var response = http.send(request, BodyHandlers.ofString(StandardCharsets.UTF_8));
			var page = new Page(request.uri(), response.statusCode(), response.headers(), response.body());
			// Whatever a test is about, no answer may ever show a stack trace.
			assertThat(page.html()).as("%s %s answered with a stack trace", request.method(), request.uri())
				.doesNotContain("at org.", "at java.", "Exception");
			return page;
		}
		catch (IOException ex) {
			throw new AssertionError(request.method() + " " + request.uri() + " failed: " + ex, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError("Interrupted: " + request.method() + " " + request.uri(), ex);
		}
	}

	private static String formBody(String... namesAndValues) {
		assertThat(namesAndValues.length % 2).as("names and values come in pairs").isZero();
		return IntStream.range(0, namesAndValues.length / 2)
			.mapToObj(i -> encode(namesAndValues[2 * i]) + "=" + encode(namesAndValues[2 * i + 1]))
			.collect(Collectors.joining("&"));
	}

	private static String encode(String text) {
		return URLEncoder.encode(text, StandardCharsets.UTF_8);
	}

}
