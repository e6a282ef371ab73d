package org.minitwit;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.util.DigestUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.minitwit.Browser.userPath;

@MiniTwitOverHttp
class TimelinesHttpTests {

	private static final String SIGNED_OUT_NAVIGATION = "public timeline | sign up | sign in";

	@Autowired
	private TestSite site;

	@Test
	void myTimelineShowsAFollowedUsersMessagesOnlyWhileIFollowThem() {
		var foo = site.user("foo");
		var bar = site.user("bar");
		site.message(bar, "the message by " + bar.username(), now());
		var browser = site.signedIn(foo);
		browser.share("the message by " + foo.username());
		var before = site.counts();

		assertThat(authors(browser.get("/"))).containsOnly(foo.username());
		var barsPage = browser.get(userPath(bar.username()));
		assertThat(barsPage.text()).contains("You are not yet following this user. Follow user")
			.doesNotContain("You are currently following");

		var followed = browser.followUser(bar.username());
		assertThat(followed.redirectTarget()).isEqualTo(userPath(bar.username()));
		barsPage = browser.follow(followed);
		assertThat(barsPage.flashes()).containsExactly("You are now following \"" + bar.username() + "\"");
		assertThat(barsPage.text()).contains("You are currently following this user. Unfollow user");
		assertThat(authors(barsPage)).containsOnly(bar.username());
		assertThat(authors(browser.get("/"))).containsExactlyInAnyOrder(foo.username(), bar.username());
		assertThat(site.counts().follows()).isEqualTo(before.follows() + 1);

		var myPage = browser.get(userPath(foo.username()));
		assertThat(myPage.text()).contains("This is you!").doesNotContain("Follow user", "Unfollow user");
		assertThat(authors(myPage)).containsOnly(foo.username());

		var unfollowed = browser.unfollowUser(bar.username());
		assertThat(unfollowed.redirectTarget()).isEqualTo(userPath(bar.username()));
		barsPage = browser.follow(unfollowed);
		assertThat(barsPage.flashes()).containsExactly("You are no longer following \"" + bar.username() + "\"");
		assertThat(barsPage.text()).contains("You are not yet following this user.");
		assertThat(authors(browser.get("/"))).containsOnly(foo.username());
		assertThat(site.counts()).isEqualTo(before);
	}

	@Test
	void followingTwiceIsFollowingOnce() {
		var browser = site.signedIn(site.user("eager"));
		String whom = site.user("popular").username();
		var page = browser.get(userPath(whom));
		var before = site.counts();

		browser.submit(page, userPath(whom) + "/follow");
		// the same form again, as a double click sends it
		var again = browser.submit(page, userPath(whom) + "/follow");

		assertThat(again.redirectTarget()).isEqualTo(userPath(whom));
		assertThat(site.counts().follows()).isEqualTo(before.follows() + 1);
	}

	@Test
	void signedOutPagesHaveTheirTitlesAndTheSignedOutNavigation() {
		var user = site.user("Visible");
		var browser = site.browser();

		assertLayout(browser.get("/public"), "Public Timeline", SIGNED_OUT_NAVIGATION);
		assertLayout(browser.get("/login"), "Sign In", SIGNED_OUT_NAVIGATION);
		assertLayout(browser.get("/register"), "Sign Up", SIGNED_OUT_NAVIGATION);
		var userPage = browser.get(userPath(user.username()));
		assertLayout(userPage, user.username() + "'s Timeline", SIGNED_OUT_NAVIGATION);
		assertThat(userPage.text()).doesNotContain("This is you!", "following this user");
	}

	@Test
	void signedInPagesHaveTheirTitlesAndTheSignedInNavigation() {
		var user = site.user("Navigator");
		var other = site.user("Other");
		var browser = site.signedIn(user);
		String navigation = "my timeline | public timeline | sign out [" + user.username() + "]";

		var timeline = browser.get("/");
		assertLayout(timeline, "My Timeline", navigation);
		assertThat(timeline.text()).contains("What's on your mind " + user.username() + "? Share");
		assertLayout(browser.get("/public"), "Public Timeline", navigation);
		assertLayout(browser.get(userPath(other.username())), other.username() + "'s Timeline", navigation);
	}

	@Test
	void aUserWithASpaceInTheNameHasAPageAtTheEncodedPath() {
		var roger = site.userNamed("Roger Histand");
		site.message(roger, "Roger's message", now());
		var browser = site.signedIn(site.user("fan"));

		var page = browser.get("/Roger%20Histand");
		assertThat(page.status()).isEqualTo(200);
		assertThat(page.title()).isEqualTo("Roger Histand's Timeline");
		assertThat(page.messages()).singleElement().satisfies(message -> {
			assertThat(message.author()).isEqualTo("Roger Histand");
			assertThat(message.authorLink()).isEqualTo("/Roger%20Histand");
		});

		var followed = browser.submit(page, "/Roger%20Histand/follow");
		assertThat(followed.redirectTarget()).isEqualTo("/Roger%20Histand");
		assertThat(browser.follow(followed).flashes()).containsExactly("You are now following \"Roger Histand\"");
		assertThat(browser.get("/").messages()).extracting(Page.Message::text).contains("Roger's message");
	}

	@Test
	void nonLatinNamesSignInPostAndAreFollowedLikeAnyOther() {
		for (String script : List.of("山田太郎", "Зоя", "Ελένη", "محمد")) {
			var user = site.user(script);
			var browser = site.signedIn(user);
			browser.share("Hello from " + user.username());

			var page = site.browser().get(userPath(user.username()));
			assertThat(page.title()).isEqualTo(user.username() + "'s Timeline");
			assertThat(page.messages()).singleElement().satisfies(message -> {
				assertThat(message.author()).isEqualTo(user.username());
				assertThat(message.authorLink()).isEqualTo(userPath(user.username()));
			});
			var fan = site.signedIn(site.user("fan"));
			var followed = fan.followUser(user.username());
			assertThat(followed.redirectTarget()).isEqualTo(userPath(user.username()));
			assertThat(fan.follow(followed).flashes())
				.containsExactly("You are now following \"" + user.username() + "\"");
		}
	}

	@Test
	void htmlInAUsernameIsShownAsTextEverywhere() {
		var user = site.user("<img src=x onerror=alert(1)>");
		site.message(user, "hi", now());
		var fan = site.signedIn(site.user("fan"));

		var page = fan.follow(fan.followUser(user.username()));
		var own = site.signedIn(user).get("/");

		for (var shown : List.of(page, own)) {
			assertThat(shown.html()).doesNotContain("<img src=x").contains("&lt;img src=x onerror=alert(1)&gt;");
		}
		assertThat(page.title()).isEqualTo(user.username() + "'s Timeline");
		assertThat(page.flashes()).containsExactly("You are now following \"" + user.username() + "\"");
		assertThat(own.navigation()).endsWith("sign out [" + user.username() + "]");
		assertThat(fan.get(page.messages().get(0).authorLink()).title()).isEqualTo(user.username() + "'s Timeline");
	}

	@Test
	void userPagesAreFoundInAnyLetterCaseAndShowTheRegisteredName() {
		var user = site.user("MixedCase");

		var page = site.browser().get(userPath(user.username().toLowerCase()));

		assertThat(page.status()).isEqualTo(200);
		assertThat(page.title()).isEqualTo(user.username() + "'s Timeline");
	}

	@Test
	void unknownUserIsAMiniTwitNotFoundPage() {
		var signedOut = site.browser().get("/no-such-user-anywhere");

		assertThat(signedOut.status()).isEqualTo(404);
		assertLayout(signedOut, "Page Not Found", SIGNED_OUT_NAVIGATION);
	}

	@Test
	void followingAnUnknownUserIsNotFound() {
		var browser = site.signedIn(site.user("Seeker"));
		var before = site.counts();
		// No page offers this form; a user deleted meanwhile, or a crafted request, sends
		// it with a valid token.
		String token = browser.get("/").csrfToken();

		var follow = browser.post("/no-such-user-anywhere/follow", "_csrf", token);
		var unfollow = browser.post("/no-such-user-anywhere/unfollow", "_csrf", token);

		assertThat(follow.status()).isEqualTo(404);
		assertThat(follow.title()).isEqualTo("Page Not Found");
		assertThat(unfollow.status()).isEqualTo(404);
		assertThat(site.counts()).isEqualTo(before);
	}

	@Test
	void aTimelineWithoutMessagesSaysSo() {
		var user = site.user("Silent");

		assertThat(site.browser().get(userPath(user.username())).text()).contains("There's no message so far.");
	}

	@Test
	void eachMessageShowsTheAuthorsGravatarAndTheUtcMinuteItWasPublished() {
		var user = site.user("Pictured");
		// 2001-09-09T01:46:40Z
		site.message(user, "dated", 1_000_000_000);
		String emailHash = DigestUtils
			.md5DigestAsHex(user.email().strip().toLowerCase().getBytes(StandardCharsets.UTF_8));

		var message = site.browser().get(userPath(user.username())).messages().get(0);

		assertThat(message.publishedAt()).isEqualTo("2001-09-09 @ 01:46");
		assertThat(message.avatarUrl()).isEqualTo("https://www.gravatar.com/avatar/" + emailHash + "?d=identicon&s=48");
	}

	private static void assertLayout(Page page, String title, String navigation) {
		assertThat(page.title()).isEqualTo(title);
		assertThat(page.html()).contains("<h1>MiniTwit</h1>").contains("<footer");
		assertThat(page.navigation()).isEqualTo(navigation);
	}

	private static List<String> authors(Page timeline) {
		return timeline.messages().stream().map(Page.Message::author).distinct().toList();
	}

	private static long now() {
		return Instant.now().getEpochSecond();
	}

}
