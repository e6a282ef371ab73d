package org.minitwit;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.util.UriUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.minitwit.Browser.userPath;

/**
 * What an attacker or a broken client sends, each row with the exact answer it must get:
 * markup and template expressions in every text shown as text, SQL in every field as
 * data, bytes no browser sends refused, requests over the server's limits refused
 * cleanly, and nothing private in any page or log line. Failed sign-ins come from
 * addresses of their own, so they count against nobody else.
 */
@MiniTwitOverHttp
class HostileInputHttpTests {

	private static final AtomicInteger addresses = new AtomicInteger();

	@Autowired
	private TestSite site;

	@Autowired
	private JdbcClient jdbc;

	/**
	 * Names that are valid usernames (no / \ % ; ? #) yet full of markup or template
	 * syntax.
	 */
	@ParameterizedTest
	@ValueSource(strings = { "<b onmouseover=alert(1)>bold", "\"><img src=x onerror=alert(1)>", "<svg onload=alert(1)>",
			"' autofocus onfocus='alert(1)", "[[${7*7}]] [(${7*7})] __${7*7}__", "a&b<i>c" })
	void markupInAUsernameIsTextOnEveryPageThatShowsIt(String markup) {
		String name = markup + " " + addresses.incrementAndGet();
		var author = site.browser();
		var pages = new ArrayList<Page>();

		assertThat(author.signUp(name, "author@example.com", TestSite.PASSWORD, TestSite.PASSWORD).redirectTarget())
			.isEqualTo("/login");
		var signedIn = author.follow(author.signIn(name, TestSite.PASSWORD));
		assertThat(signedIn.navigation()).endsWith("sign out [" + name + "]");
		var shared = author.follow(author.share("hello from " + name));
		assertThat(shared.messages()).first().satisfies(message -> {
			assertThat(message.author()).isEqualTo(name);
			assertThat(message.authorLink()).isEqualTo(userPath(name));
			assertThat(message.text()).isEqualTo("hello from " + name);
		});
		pages.addAll(List.of(signedIn, shared));

		var reader = site.signedIn(site.user("Reader"));
		var profile = reader.get(userPath(name));
		assertThat(profile.title()).isEqualTo(name + "'s Timeline");
		var followed = reader.follow(reader.followUser(name));
		assertThat(followed.flashes()).containsExactly("You are now following \"" + name + "\"");
		var unfollowed = reader.follow(reader.unfollowUser(name));
		assertThat(unfollowed.flashes()).containsExactly("You are no longer following \"" + name + "\"");
		pages.addAll(List.of(profile, followed, unfollowed, reader.get("/public"), site.browser().get(userPath(name))));

		var taken = site.browser().signUp(name, "again@example.com", "pw", "pw");
		assertThat(taken.error()).contains("Error: The username is already taken");
		assertThat(taken.field("username")).isEqualTo(name);
		var wrongPassword = site.browser().from(nextAddress()).signIn(name, "wrong");
		assertThat(wrongPassword.error()).contains("Error: Invalid password");
		assertThat(wrongPassword.field("username")).isEqualTo(name);

		for (var page : pages) {
			assertShownAsText(page, name);
		}
		for (var page : List.of(taken, wrongPassword)) {
			if (hasMarkup(name)) {
				assertThat(page.html()).as("%s keeps the name only escaped", page.uri()).doesNotContain(name);
			}
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "<script>alert(\"pwned\")</script>", "</span></li><li>a forged message",
			"<a href=\"javascript:alert(1)\">click</a>", "<img src=x onerror=\"alert(1)\">",
			"[[${T(java.lang.Runtime).getRuntime().exec('id')}]] [(${7*7})]",
			"<!-- comment --> <![CDATA[x]]> &amp; &lt;" })
	void markupInAMessageIsTextOnEveryTimelineAndInTheFormShownAgain(String markup) {
		var author = site.user("Marker");
		var browser = site.signedIn(author);

		assertThat(browser.share(markup).redirectTarget()).isEqualTo("/");

		for (var page : List.of(browser.get("/"), browser.get("/public"),
				site.browser().get(userPath(author.username())))) {
			assertThat(page.messages()).as(page.uri().toString())
				.first()
				.extracting(Page.Message::text)
				.isEqualTo(markup);
			assertShownAsText(page, markup);
		}
		String tooLong = markup + " " + "x".repeat(1000);
		var refused = browser.share(tooLong);
		assertThat(refused.error()).contains("Error: Your message can have at most 1000 characters");
		assertThat(refused.field("text")).isEqualTo(tooLong);
		assertThat(refused.html()).doesNotContain(markup);
	}

	@Test
	void markupInAnEmailIsNeverShownButEscapedInTheFormShownAgain() {
		String email = "\"><script>alert(1)</script>@example.com";
		String name = TestSite.uniqueName("Mailer");
		var browser = site.browser();

		var mismatch = browser.signUp(name, email, "one", "two");
		assertThat(mismatch.error()).contains("Error: The two passwords do not match");
		assertThat(mismatch.field("email")).isEqualTo(email);
		assertThat(mismatch.html()).doesNotContain(email);

		assertThat(browser.signUp(name, email, "pw", "pw").redirectTarget()).isEqualTo("/login");
		var signedIn = site.browser();
		signedIn.signIn(name, "pw");
		signedIn.share("hi");
		for (var page : List.of(signedIn.get("/"), site.browser().get(userPath(name)))) {
			assertThat(page.html()).doesNotContain(email).doesNotContain("<script>");
		}
	}

	/**
	 * SQL in each field and in the path is data: stored and shown exactly as typed,
	 * matched as a name only if someone has that name, and no table loses a row.
	 */
	@ParameterizedTest
	@ValueSource(strings = { "' OR '1'='1' -- ", "'; DROP TABLE users; --", "\" OR \"\"=\"", "1) OR (1=1",
			"' UNION SELECT pw_hash, 1, 1, 1 FROM users -- ", "admin'--", "\\'; SELECT SLEEP(5) -- ", "%' OR 1=1 #" })
	void sqlInEveryFieldAndInThePathIsJustText(String sql) {
		var before = site.counts();
		boolean validName = sql.chars().noneMatch(c -> "/\\%;?#".indexOf(c) >= 0);
		String name = validName ? sql.strip() + " " + addresses.incrementAndGet() : TestSite.uniqueName("Quoted");
		var browser = site.browser();

		if (!validName) {
			var refused = browser.signUp(sql, "sql@example.com", "pw", "pw");
			assertThat(refused.error())
				.hasValueSatisfying(error -> assertThat(error).startsWith("Error: Your username cannot contain"));
		}
		assertThat(browser.signUp(name, sql + "@example.com", sql, sql).redirectTarget()).isEqualTo("/login");
		assertThat(browser.signIn(name, sql).redirectTarget()).as("the password, verbatim").isEqualTo("/");
		assertThat(browser.share(sql).redirectTarget()).isEqualTo("/");
		assertThat(browser.get("/").messages()).first().extracting(Page.Message::text).isEqualTo(sql);
		assertThat(site.browser().get(userPath(name)).title()).isEqualTo(name + "'s Timeline");

		var asName = site.browser().from(nextAddress()).signIn(sql, sql);
		assertThat(asName.error()).contains("Error: Invalid username");
		var asPath = site.browser().get("/" + UriUtils.encodePathSegment(sql, StandardCharsets.UTF_8));
		// The server refuses an encoded \ % ; or / in a path outright; any other path is
		// a user who does not exist.
		assertThat(asPath.status()).isEqualTo(sql.chars().anyMatch(c -> "/\\%;".indexOf(c) >= 0) ? 400 : 404);

		var after = site.counts();
		assertThat(after.users()).isEqualTo(before.users() + 1);
		assertThat(after.messages()).isEqualTo(before.messages() + 1);
		assertThat(after.follows()).isEqualTo(before.follows());
	}

	@Test
	void whitespaceOnlyNamesAndEmailsAreEmptyAndAWhitespacePasswordIsAPassword() {
		var browser = site.browser();
		var before = site.counts();

		assertThat(browser.signUp(" \t ", "w@example.com", "pw", "pw").error())
			.contains("Error: You have to enter a username");
		assertThat(browser.signUp("Blank", "   ", "pw", "pw").error())
			.contains("Error: You have to enter a valid email address");
		assertThat(site.browser().from(nextAddress()).signIn("   ", "pw").error()).contains("Error: Invalid username");
		assertThat(site.counts()).isEqualTo(before);

		// Every character of a password counts, spaces included (as NIST SP 800-63B
		// asks).
		String name = TestSite.uniqueName("Spacey");
		assertThat(browser.signUp(name, "s@example.com", "   ", "   ").redirectTarget()).isEqualTo("/login");
		assertThat(site.browser().from(nextAddress()).signIn(name, "    ").error()).contains("Error: Invalid password");
		assertThat(site.browser().signIn(name, "   ").redirectTarget()).isEqualTo("/");
	}

	/**
	 * Emoji and right-to-left scripts are text like any other; a control that reorders
	 * text is not part of a name.
	 */
	@Test
	void emojiAndRightToLeftTextRoundTripButAReorderingControlIsNoName() {
		for (String name : List.of("😀 Smile " + addresses.incrementAndGet(), "مرحبا " + addresses.incrementAndGet(),
				"שלום עולם " + addresses.incrementAndGet())) {
			var browser = site.browser();
			assertThat(browser.signUp(name, "rtl@example.com", "pw", "pw").redirectTarget()).isEqualTo("/login");
			browser.signIn(name, "pw");
			String text = "‏עברית, العربية and 😀 in one message";
			browser.share(text);
			var page = site.browser().get(userPath(name));
			assertThat(page.title()).isEqualTo(name + "'s Timeline");
			assertThat(page.messages()).extracting(Page.Message::text).containsExactly(text);
		}

		var spoof = site.browser().signUp("invoice\u202Etxt.exe", "spoof@example.com", "pw", "pw");
		assertThat(spoof.error())
			.hasValueSatisfying(error -> assertThat(error).startsWith("Error: Your username cannot contain"));
	}

	static Stream<Arguments> bytesNoBrowserSends() {
		return Stream.of(Arguments.of("percent-encoded bytes that are not UTF-8", ascii("text=bad%FF%FEbytes"), 400),
				Arguments.of("raw bytes that are not UTF-8", bytes("text=raw", 0xFF, 0xFE, "bytes"), 400),
				Arguments.of("an overlong encoding of /", ascii("text=%C0%AF"), 400),
				Arguments.of("half of a surrogate pair", ascii("text=%ED%A0%80"), 400),
				Arguments.of("a NUL byte", ascii("text=a%00b"), 400),
				Arguments.of("a raw NUL byte", bytes("text=a", 0x00, "b"), 400),
				Arguments.of("a bell", ascii("text=a%07b"), 400), Arguments.of("a DEL", ascii("text=a%7Fb"), 400),
				Arguments.of("a NUL in the field name", ascii("te%00xt=a"), 400),
				Arguments.of("tabs and line breaks, which are text", ascii("text=a%09b%0D%0Ac"), 302));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("bytesNoBrowserSends")
	void bytesNoBrowserSendsInAMessageAreABadRequestAndStoreNothing(String what, byte[] fields, int status) {
		var browser = site.signedIn(site.user("Byter"));
		String token = browser.get("/").csrfToken();
		var before = site.counts();

		var answer = browser.postBytes("/add_message", concat(fields, ascii("&_csrf=" + token)));

		assertThat(answer.status()).isEqualTo(status);
		if (status == 400) {
			assertThat(answer.title()).isEqualTo("Bad Request");
			assertThat(site.counts()).isEqualTo(before);
		}
		else {
			assertThat(site.counts().messages()).isEqualTo(before.messages() + 1);
		}
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("bytesNoBrowserSends")
	void bytesNoBrowserSendsInASignUpAreABadRequestAndStoreNothing(String what, byte[] fields, int status) {
		var browser = site.browser();
		String token = browser.get("/register").csrfToken();
		var before = site.counts();
		// the value as the username, the rest of the form valid; a bad field name as one
		// more field
		String given = new String(fields, StandardCharsets.ISO_8859_1);
		byte[] username = (given.startsWith("text=") ? given.replaceFirst("^text=", "username=")
				: "username=" + TestSite.uniqueName("Named") + "&" + given)
			.getBytes(StandardCharsets.ISO_8859_1);
		String rest = "&email=b%40example.com&password=pw&password2=pw&_csrf=" + token;

		var answer = browser.postBytes("/register", concat(username, ascii(rest)));

		if (status == 400) {
			assertThat(answer.status()).isEqualTo(400);
			assertThat(answer.title()).isEqualTo("Bad Request");
		}
		else {
			// tab and line breaks are control characters in a name
			assertThat(answer.error())
				.hasValueSatisfying(error -> assertThat(error).startsWith("Error: Your username cannot contain"));
		}
		assertThat(site.counts()).isEqualTo(before);
	}

	/**
	 * Tomcat refuses these before MiniTwit sees them: its plain 400 page, without a stack
	 * trace or a version.
	 */
	@Test
	void headersFarOverTheLimitAreACleanBadRequest() {
		String big = "a".repeat(20_000);

		for (var page : List.of(site.browser().withHeaders(Map.of("X-Padding", big)).get("/public"),
				site.browser().withHeaders(Map.of("Cookie", "SESSION=" + big)).get("/public"),
				site.browser().get("/public?before=" + big))) {
			assertThat(page.status()).as(page.uri().getPath()).isEqualTo(400);
			assertThat(page.html()).doesNotContain("Tomcat", "Exception", "at org.", "java.");
			assertThat(page.headers().firstValue("Server")).isEmpty();
		}
		assertThat(site.browser().get("/public").status()).as("the server serves on").isEqualTo(200);
	}

	@Test
	void aBodyFarOverTheLimitIsATooLargePage() {
		var browser = site.signedIn(site.user("Flooder"));
		String token = browser.get("/").csrfToken();
		var before = site.counts();

		var answer = browser.postBytes("/add_message", ascii("_csrf=" + token + "&text=" + "x".repeat(1024 * 1024)));

		assertThat(answer.status()).isEqualTo(413);
		assertThat(answer.title()).isEqualTo("Request Too Large");
		assertThat(site.counts()).isEqualTo(before);
	}

	/**
	 * Behind a TLS-terminating proxy (loopback is trusted, as a load balancer on a
	 * private address is), the session cookie is Secure and redirects stay on https; on
	 * plain http it is not.
	 */
	@Test
	void behindATlsProxyTheSessionCookieIsSecureAndRedirectsStayOnHttps() {
		var viaTls = site.browser().withHeaders(Map.of("X-Forwarded-Proto", "https", "X-Forwarded-Port", "443"));

		var form = viaTls.get("/login");
		assertThat(form.headers().allValues("Set-Cookie")).singleElement()
			.asString()
			.startsWith("SESSION=")
			.contains("; Secure")
			.containsIgnoringCase("; HttpOnly")
			.containsIgnoringCase("; SameSite=Lax");
		assertThat(viaTls.get("/").header("Location")).startsWith("https://");

		assertThat(site.browser().get("/login").headers().allValues("Set-Cookie")).singleElement()
			.asString()
			.doesNotContain("Secure");
	}

	/**
	 * A whole visit, failures included, up to the limit on failed sign-ins: the password,
	 * its hash and the session id appear in no page and in no line the application logs
	 * (nor the typed name, which may be a password typed into the wrong field), and
	 * nothing logs a stack trace.
	 */
	@Test
	@ExtendWith(OutputCaptureExtension.class)
	void thePasswordItsHashAndTheSessionIdAreInNoPageAndNoLog(CapturedOutput output) {
		String name = TestSite.uniqueName("Private");
		String password = "Pw-" + UUID.randomUUID();
		var browser = site.browser().from(nextAddress());
		var pages = new ArrayList<Page>();

		pages.add(browser.signUp(name, "private@example.com", password, password + "!"));
		pages.add(browser.signUp(name, "private@example.com", password, password));
		pages.add(browser.signIn(name, password + "!"));
		pages.add(browser.signIn(name, password));
		String cookie = browser.cookie("SESSION").orElseThrow();
		String sessionId = new String(Base64.getDecoder().decode(cookie), StandardCharsets.UTF_8);
		pages.add(browser.get("/"));
		pages.add(browser.share("a message"));
		pages.add(browser.get(userPath(name)));
		pages.add(browser.post("/add_message", "text", "no token"));
		pages.add(browser.get("/no/such/page"));
		pages.add(browser.signOut());
		for (int i = 0; i < 10; i++) {
			pages.add(browser.signIn(name, password + i));
		}
		pages.add(browser.signIn(name, password));
		String hash = jdbc.sql("SELECT pw_hash FROM users WHERE username = :name")
			.param("name", name)
			.query(String.class)
			.single();

		assertThat(sessionId).hasSize(36);
		for (var page : pages) {
			assertThat(page.html()).as(page.uri().toString()).doesNotContain(password, hash, sessionId, cookie);
		}
		// the limit on failed sign-ins was reached, and logged: this is the log of the
		// visit
		assertThat(pages.get(pages.size() - 1).status()).isEqualTo(429);
		assertThat(output.getAll()).contains("Sign-in refused for 15 min for one username")
			.doesNotContain(password, hash, sessionId, cookie, name)
			.doesNotContain("\tat ");
	}

	private static void assertShownAsText(Page page, String text) {
		assertThat(page.text()).as("%s shows it", page.uri()).contains(text);
		if (hasMarkup(text)) {
			assertThat(page.html()).as("%s has it only escaped", page.uri()).doesNotContain(text);
		}
	}

	private static boolean hasMarkup(String text) {
		return text.chars().anyMatch(c -> "<>\"'&".indexOf(c) >= 0);
	}

	/**
	 * A client address of its own (TEST-NET-3), so that its failed sign-ins count against
	 * nobody else.
	 */
	private static String nextAddress() {
		int n = addresses.incrementAndGet();
		return "203.0.113." + (100 + n % 150);
	}

	private static byte[] ascii(String text) {
		return text.getBytes(StandardCharsets.US_ASCII);
	}

	/** Text and raw byte values, in order. */
	private static byte[] bytes(Object... parts) {
		var out = new ByteArrayOutputStream();
		for (Object part : parts) {
			if (part instanceof String text) {
				out.writeBytes(ascii(text));
			}
			else {
				out.write((Integer) part);
			}
		}
		return out.toByteArray();
	}

	private static byte[] concat(byte[] first, byte[] second) {
		var out = new ByteArrayOutputStream();
		out.writeBytes(first);
		out.writeBytes(second);
		return out.toByteArray();
	}

}
