package org.minitwit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.minitwit.Browser.userPath;

/**
 * Users who keep MiniTwit busy while a test breaks something, each on a thread of its
 * own: they sign up and in at the same moment, then read timelines, post, follow one
 * another and sign up more users until stopped, a short pause between requests. Every
 * answer is kept with how long it took, and every write with whether the user saw it
 * acknowledged, for the test to compare with the database.
 */
final class FaultLoad implements AutoCloseable {

	static final String PASSWORD = "fault-load-password";

	/**
	 * A user who waits longer than this for any answer is not waiting, but hanging.
	 * Longer than any fault the tests hold (22 s) and than HAProxy's 30 s server timeout,
	 * so that a request that waited a fault out shows how long it waited rather than the
	 * client's patience.
	 */
	static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(40);

	/**
	 * Outside a fault, an overloaded machine may shed this share of the requests with the
	 * 503 page, as designed: a statement or a pool wait past its 2 s bound
	 * (docs/reliability.md).
	 */
	static final int OVERLOAD_PERCENT = 1;

	/** One request and its answer. {@code at} counts from the start of the load. */
	record Outcome(String request, Duration at, Duration took, int status, String title, String problem,
			String instance) {

		boolean ok() {
			return problem == null;
		}

		/** MiniTwit's 503 page: what a request may answer while the database is away. */
		boolean unavailable() {
			return status == 503 && "Service Unavailable".equals(title);
		}

		/** No complete answer: the connection was closed, or the answer cut short. */
		boolean aborted() {
			return status == 0 && problem != null && problem.contains("IOException");
		}

		/** Sent before {@code moment} and answered after it. */
		boolean inFlightAt(Duration moment) {
			return at.compareTo(moment) < 0 && answeredAt().compareTo(moment) > 0;
		}

		/**
		 * Sent before {@code to} and answered after {@code from}: in flight at some time
		 * between.
		 */
		boolean overlaps(Duration from, Duration to) {
			return at.compareTo(to) < 0 && answeredAt().compareTo(from) > 0;
		}

		Duration answeredAt() {
			return at.plus(took);
		}

		@Override
		public String toString() {
			return String.format("%s at %.1f s: %s after %d ms%s", request, at.toMillis() / 1000.0,
					problem == null ? status : problem, took.toMillis(), instance == null ? "" : " from " + instance);
		}

	}

	private final URI site;

	private final String prefix;

	private final Duration pause;

	private final long origin = System.nanoTime();

	private final AtomicBoolean stop = new AtomicBoolean();

	private final CountDownLatch signedIn;

	/**
	 * When the last user had signed in: the start of the steady load that faults are
	 * measured against.
	 */
	private volatile Duration steadyFrom = Duration.ZERO;

	private final ExecutorService threads;

	private final ConcurrentLinkedQueue<Outcome> outcomes = new ConcurrentLinkedQueue<>();

	final List<String> usernames = new CopyOnWriteArrayList<>();

	final Set<String> acknowledgedPosts = ConcurrentHashMap.newKeySet();

	final Set<String> unacknowledgedPosts = ConcurrentHashMap.newKeySet();

	/** {@code who -> whom} pairs. */
	final Set<Map.Entry<String, String>> acknowledgedFollows = ConcurrentHashMap.newKeySet();

	final Set<String> acknowledgedSignUps = ConcurrentHashMap.newKeySet();

	final Set<String> unacknowledgedSignUps = ConcurrentHashMap.newKeySet();

	private FaultLoad(URI site, int users, String prefix, Duration pause) {
		this.site = site;
		this.prefix = prefix;
		this.pause = pause;
		this.signedIn = new CountDownLatch(users);
		this.threads = Executors.newFixedThreadPool(users);
	}

	/**
	 * Starts {@code users} users on {@code site}; returns once all of them have signed
	 * in.
	 */
	static FaultLoad start(URI site, int users, String prefix, Duration pause) {
		var load = new FaultLoad(site, users, prefix, pause);
		for (int i = 0; i < users; i++) {
			int user = i;
			load.threads.submit(() -> load.user(user));
		}
		try {
			assertThat(load.signedIn.await(180, TimeUnit.SECONDS)).as("users done signing up and in").isTrue();
			assertThat(load.usernames).as("users signed up and in: %s", load.outcomes()).hasSize(users);
			load.steadyFrom = load.now();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		return load;
	}

	/** Time since the load started. */
	Duration now() {
		return Duration.ofNanos(System.nanoTime() - origin);
	}

	/** Stops the users after their request in flight; waits for them. */
	@Override
	public void close() {
		stop.set(true);
		threads.shutdown();
		try {
			if (!threads.awaitTermination(CLIENT_TIMEOUT.toSeconds() + 10, TimeUnit.SECONDS)) {
				threads.shutdownNow();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/** Every request of the steady load, after signing up and in. */
	List<Outcome> outcomes() {
		return outcomes(outcome -> true);
	}

	List<Outcome> outcomes(Predicate<Outcome> filter) {
		return outcomes.stream().filter(outcome -> outcome.at().compareTo(steadyFrom) >= 0).filter(filter).toList();
	}

	/**
	 * The slowest request answered normally before {@code moment}: how slow the machine
	 * is without the fault.
	 */
	Duration slowestAnsweredBefore(Duration moment) {
		return outcomes(outcome -> outcome.ok() && outcome.answeredAt().compareTo(moment) < 0).stream()
			.map(Outcome::took)
			.max(Comparator.naturalOrder())
			.orElse(Duration.ZERO);
	}

	/**
	 * Of the requests {@code outsideTheFault} picks, none failed except as an overloaded
	 * machine sheds load by design: with the 503 page, for at most
	 * {@link #OVERLOAD_PERCENT} of them.
	 */
	void assertOnlyOverloadShedding(Predicate<Outcome> outsideTheFault) {
		var outside = outcomes(outsideTheFault);
		var failed = outside.stream().filter(outcome -> !outcome.ok()).toList();
		assertThat(failed).as("requests outside the fault that failed other than with the 503 page")
			.allMatch(Outcome::unavailable);
		assertThat(failed.size())
			.as("503 pages among the %d requests outside the fault (at most %d %%): %s", outside.size(),
					OVERLOAD_PERCENT, failed)
			.isLessThanOrEqualTo(outside.size() * OVERLOAD_PERCENT / 100);
	}

	/** A one-line summary: how many requests, how many of each answer. */
	String summary() {
		var all = outcomes();
		var byAnswer = all.stream()
			.collect(Collectors.groupingBy(
					outcome -> outcome.ok() ? "ok" : outcome.unavailable() ? "503 page" : outcome.problem(),
					TreeMap::new, Collectors.counting()));
		long slowest = all.stream().mapToLong(outcome -> outcome.took().toMillis()).max().orElse(0);
		var signingUp = outcomes.stream().filter(outcome -> outcome.at().compareTo(steadyFrom) < 0).toList();
		return all.size() + " requests " + byAnswer + ", slowest " + slowest + " ms, " + acknowledgedPosts.size()
				+ " posts acknowledged, " + unacknowledgedPosts.size() + " not (before: " + signingUp.size()
				+ " requests to sign up and in, " + signingUp.stream().filter(Outcome::unavailable).count()
				+ " of them 503 pages tried again)";
	}

	private void user(int number) {
		var browser = new Browser(site, CLIENT_TIMEOUT);
		var visitor = new Browser(site, CLIENT_TIMEOUT);
		String username = prefix + "-" + number + "-" + Long.toString(System.nanoTime(), 36);
		String token;
		try {
			signUpAndIn(browser, username);
			var home = retried("GET /", () -> browser.get("/"), page -> page.status() == 200);
			assertThat(home).as("%s's timeline", username).matches(page -> page != null && page.status() == 200);
			token = home.csrfToken();
			usernames.add(username);
		}
		finally {
			signedIn.countDown();
		}
		String visitorToken = null;
		for (long n = 0; !stop.get(); n++) {
			switch ((int) (n % 6)) {
				case 0 -> expect("GET /public", () -> browser.get("/public"), page -> page.status() == 200);
				case 1 -> expect("GET /", () -> browser.get("/"),
						page -> page.status() == 200 && page.navigation().endsWith("sign out [" + username + "]"));
				case 2, 4 -> post(browser, token, username);
				case 3 -> follow(browser, token, username);
				default -> {
					if (n % 30 == 5) {
						if (visitorToken == null) {
							var form = expect("GET /register", () -> visitor.get("/register"),
									page -> page.status() == 200);
							visitorToken = form != null && form.status() == 200 ? form.csrfToken() : null;
						}
						if (visitorToken != null) {
							signUp(visitor, visitorToken);
						}
					}
					else {
						String other = usernames.get(ThreadLocalRandom.current().nextInt(usernames.size()));
						expect("GET /<user>", () -> browser.get(userPath(other)), page -> page.status() == 200);
					}
				}
			}
			pause();
		}
	}

	/**
	 * Signs up and in through the forms. An overloaded machine may answer any of these
	 * requests with the 503 page (fifty users signing up at once all hash a password and
	 * create a session); the user tries again, as the page says. A sign-up whose 503 came
	 * after the user was stored finds the name taken on the next try: taken by this user,
	 * whose name no one else uses.
	 */
	private void signUpAndIn(Browser browser, String username) {
		var form = retried("GET /register", () -> browser.get("/register"), page -> page.status() == 200);
		assertThat(form).as("%s got the sign-up form", username).matches(page -> page != null && page.status() == 200);
		Predicate<Page> signedUp = page -> page.status() == 302 ? page.redirectTarget().equals("/login")
				: page.error().orElse("").contains("The username is already taken");
		var signUp = retried("sign up", () -> browser.submit(form, "/register", "username", username, "email",
				username + "@example.com", "password", PASSWORD, "password2", PASSWORD), signedUp);
		assertThat(signUp).as("%s signed up", username).matches(page -> page != null && isGood(signedUp, page));
		var signInForm = retried("GET /login", () -> browser.get("/login"), page -> page.status() == 200);
		assertThat(signInForm).as("%s got the sign-in form", username)
			.matches(page -> page != null && page.status() == 200);
		var signIn = retried("sign in",
				() -> browser.submit(signInForm, "/login", "username", username, "password", PASSWORD),
				page -> page.redirectTarget().equals("/"));
		assertThat(signIn).as("%s signed in", username).matches(page -> page != null && page.status() == 302);
	}

	/**
	 * As a person would: the 503 page says to try again in a moment, so they do, up to
	 * three times.
	 */
	private Page retried(String request, Supplier<Page> send, Predicate<Page> good) {
		Page page = expect(request, send, good);
		for (int retry = 0; retry < 3 && page != null && page.status() == 503; retry++) {
			pause();
			page = expect(request, send, good);
		}
		return page;
	}

	private void post(Browser browser, String token, String username) {
		String text = username + " posts " + System.nanoTime();
		var page = expect("POST /add_message", () -> browser.post("/add_message", "text", text, "_csrf", token),
				answer -> answer.status() == 302 && answer.redirectTarget().equals("/"));
		(page != null && page.status() == 302 ? acknowledgedPosts : unacknowledgedPosts).add(text);
	}

	private void follow(Browser browser, String token, String username) {
		String whom = usernames.get(ThreadLocalRandom.current().nextInt(usernames.size()));
		if (whom.equals(username)) {
			return;
		}
		var page = expect("POST /<user>/follow", () -> browser.post(userPath(whom) + "/follow", "_csrf", token),
				answer -> answer.status() == 302);
		if (page != null && page.status() == 302) {
			acknowledgedFollows.add(Map.entry(username, whom));
		}
	}

	private void signUp(Browser visitor, String token) {
		String username = prefix + "-new-" + Long.toString(System.nanoTime(), 36);
		var page = expect(
				"POST /register", () -> visitor.post("/register", "username", username, "email",
						username + "@example.com", "password", PASSWORD, "password2", PASSWORD, "_csrf", token),
				answer -> answer.status() == 302);
		(page != null && page.status() == 302 ? acknowledgedSignUps : unacknowledgedSignUps).add(username);
	}

	/** Sends a request and records how it went; null if it got no answer at all. */
	private Page expect(String request, Supplier<Page> send, Predicate<Page> good) {
		var at = now();
		long started = System.nanoTime();
		Page page = null;
		String problem;
		try {
			page = send.get();
			problem = isGood(good, page) ? null : "answered " + page.status() + " " + titleOf(page);
		}
		catch (AssertionError | RuntimeException ex) {
			problem = ex.getMessage() == null ? ex.toString() : ex.getMessage().lines().findFirst().orElse("");
		}
		var took = Duration.ofNanos(System.nanoTime() - started);
		String title = page == null ? null : titleOf(page);
		String instance = page == null ? null : page.headers().firstValue("X-MiniTwit-Instance").orElse(null);
		outcomes.add(new Outcome(request, at, took, page == null ? 0 : page.status(), title, problem, instance));
		return page;
	}

	private static boolean isGood(Predicate<Page> good, Page page) {
		try {
			return good.test(page);
		}
		catch (AssertionError ex) {
			return false;
		}
	}

	private static String titleOf(Page page) {
		try {
			return page.title();
		}
		catch (AssertionError ex) {
			return null;
		}
	}

	private void pause() {
		try {
			Thread.sleep(pause.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			stop.set(true);
		}
	}

	/**
	 * Every request and its answer, one a line, for a look after the test
	 * (target/faults).
	 */
	void write(Path file) {
		try {
			Files.createDirectories(file.getParent());
			Files.write(file,
					outcomes.stream().sorted(Comparator.comparing(Outcome::at)).map(Outcome::toString).toList());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The users' own names, for a look at the database. */
	List<String> allUsernames() {
		var all = new ArrayList<>(usernames);
		all.addAll(acknowledgedSignUps);
		return all;
	}

}
