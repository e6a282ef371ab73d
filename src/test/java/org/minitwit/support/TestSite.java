package org.minitwit.support;

import java.net.URI;
import java.util.concurrent.atomic.AtomicInteger;

import org.minitwit.follow.FollowerRepository;
import org.minitwit.timeline.MessageRepository;
import org.minitwit.user.User;
import org.minitwit.user.UserRepository;

import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The running MiniTwit as the HTTP tests see it: browsers pointed at it, and users,
 * messages and follows written straight into its database where how they got there is not
 * what a test is about.
 */
public class TestSite {

	/** Every user made here has this password. */
	public static final String PASSWORD = "correct horse battery staple";

	private static final AtomicInteger names = new AtomicInteger();

	private final Environment environment;

	private final UserRepository users;

	private final MessageRepository messages;

	private final FollowerRepository followers;

	private final PasswordEncoder passwords;

	private final JdbcClient jdbc;

	private String passwordHash;

	public TestSite(Environment environment, UserRepository users, MessageRepository messages,
			FollowerRepository followers, PasswordEncoder passwords, JdbcClient jdbc) {
		this.environment = environment;
		this.users = users;
		this.messages = messages;
		this.followers = followers;
		this.passwords = passwords;
		this.jdbc = jdbc;
	}

	/**
	 * A new browser: no cookies, so signed out, and a client address of its own
	 * ({@link Browser#newAddress()}), forwarded by the trusted loopback proxy, so that
	 * the limits per address count each test's clients apart.
	 */
	public Browser browser() {
		// Known only once the server has started, so looked up when asked for.
		return new Browser(URI.create("http://localhost:" + environment.getRequiredProperty("local.server.port")))
			.from(Browser.newAddress());
	}

	/**
	 * A browser in which the user has signed in through the sign-in form, and seen the
	 * timeline it leads to.
	 */
	public Browser signedIn(User user) {
		var browser = browser();
		var signedIn = browser.signIn(user.username(), PASSWORD);
		assertThat(signedIn.redirectTarget()).isEqualTo("/");
		// following the redirect, as a browser does, also uses up the sign-in flash
		assertThat(browser.follow(signedIn).flashes()).containsExactly("You were logged in");
		return browser;
	}

	/** A client of the simulator API, from an address of its own. */
	public Simulator simulator() {
		return new Simulator(URI.create("http://localhost:" + environment.getRequiredProperty("local.server.port")));
	}

	/** A name no other test uses, as all tests share one database. */
	public static String uniqueName(String prefix) {
		return prefix + "-" + names.incrementAndGet();
	}

	/** A new user named {@code <prefix>-<n>}. */
	public User user(String prefix) {
		return userNamed(uniqueName(prefix));
	}

	public User userNamed(String username) {
		assertThat(users.create(username, username.replace(' ', '.') + "@example.com", passwordHash())).isTrue();
		return users.findByUsername(username).orElseThrow();
	}

	public void message(User author, String text, long pubDate) {
		messages.add(author.userId(), text, pubDate);
	}

	public void follow(User who, User whom) {
		followers.follow(who.userId(), whom.userId());
	}

	public TableCounts counts() {
		return new TableCounts(count("users"), count("message"), count("follower"));
	}

	private long count(String table) {
		return jdbc.sql("SELECT COUNT(*) FROM " + table).query(Long.class).single();
	}

	/**
	 * One Argon2 hash for all users: hashing is deliberately slow, and only sign-in needs
	 * to check it.
	 */
	private synchronized String passwordHash() {
		if (passwordHash == null) {
			passwordHash = passwords.encode(PASSWORD);
		}
		return passwordHash;
	}

	/**
	 * The rows of MiniTwit's own tables, to show that a refused request wrote nothing.
	 */
	public record TableCounts(long users, long messages, long follows) {
	}

}
