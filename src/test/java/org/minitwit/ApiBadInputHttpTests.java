package org.minitwit;

import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.minitwit.support.MiniTwitOverHttp;
import org.minitwit.support.Simulator;
import org.minitwit.support.TestSite;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Whatever a client sends the API, a 4xx with the protocol's JSON error, never a 500, and
 * nothing written.
 */
@MiniTwitOverHttp
class ApiBadInputHttpTests {

	/** Signed up once per test run: {@link #USER} is its name in the paths below. */
	private static final String USER = TestSite.uniqueName("Target");

	private static final String OTHER = TestSite.uniqueName("Other");

	@Autowired
	private TestSite site;

	@BeforeEach
	void users() {
		var api = site.simulator();
		if (api.get("/api/msgs/" + USER).status() == 404) {
			site.userNamed(USER);
			site.userNamed(OTHER);
		}
	}

	static Stream<Arguments> badRequests() {
		String msgs = "/api/msgs/" + USER;
		String fllws = "/api/fllws/" + USER;
		String json = "application/json";
		return Stream.of(arguments("POST", msgs, json, "{\"content\":", 400, "malformed JSON"),
				arguments("POST", msgs, json, "", 400, "empty body"),
				arguments("POST", msgs, json, "[\"content\"]", 400, "an array, not an object"),
				arguments("POST", msgs, json, "{\"content\":5}", 400, "a number for a text"),
				arguments("POST", msgs, json, "{\"content\":true}", 400, "a boolean for a text"),
				arguments("POST", msgs, json, "{\"content\":{\"a\":1}}", 400, "an object for a text"),
				arguments("POST", msgs, json, "{}", 400, "missing content"),
				arguments("POST", msgs, json, "{\"content\":\"   \"}", 400, "blank content"),
				arguments("POST", msgs, json, "{\"content\":\"" + "x".repeat(1001) + "\"}", 400, "over the limit"),
				arguments("POST", msgs, json, "{\"content\":\"a\\u0000b\"}", 400, "a NUL byte"),
				arguments("POST", msgs, json, "{\"content\":\"" + "x".repeat(70_000) + "\"}", 413, "oversized"),
				arguments("POST", msgs, "text/plain", "{\"content\":\"hi\"}", 415, "not JSON"),
				arguments("POST", "/api/msgs/nobody-at-all", json, "{\"content\":\"hi\"}", 404, "unknown author"),
				arguments("POST", fllws, json, "{}", 400, "neither follow nor unfollow"),
				arguments("POST", fllws, json, "{\"follow\":\"" + OTHER + "\",\"unfollow\":\"" + OTHER + "\"}", 400,
						"both follow and unfollow"),
				arguments("POST", fllws, json, "{\"follow\":\"nobody-at-all\"}", 404, "follow an unknown user"),
				arguments("POST", fllws, json, "{\"unfollow\":\"nobody-at-all\"}", 404, "unfollow an unknown user"),
				arguments("POST", fllws, json, "{\"follow\":\"" + USER + "\"}", 400, "follow oneself"),
				arguments("POST", fllws, json, "{\"follow\":7}", 400, "a number for a name"),
				arguments("POST", "/api/fllws/nobody-at-all", json, "{\"follow\":\"" + USER + "\"}", 404,
						"an unknown follower"),
				arguments("POST", "/api/register", json, "{\"username\":\"a\\u0007b\",\"email\":\"a@b\",\"pwd\":\"p\"}",
						400, "a control character in a name"),
				arguments("POST", "/api/register", json, "{\"username\":[],\"email\":\"a@b\",\"pwd\":\"p\"}", 400,
						"a list for a name"),
				arguments("POST", "/api/register", json,
						"{\"username\":\"" + USER + "\",\"email\":\"a@b\",\"pwd\":\"p\"}", 400, "a name taken"),
				arguments("GET", "/api/msgs/nobody-at-all", null, null, 404, "messages of an unknown user"),
				arguments("GET", "/api/fllws/nobody-at-all", null, null, 404, "follows of an unknown user"),
				arguments("DELETE", "/api/latest", null, null, 405, "a method the path does not take"),
				arguments("GET", "/api/register", null, null, 405, "reading the sign-up"));
	}

	@ParameterizedTest(name = "{5}: {4}")
	@MethodSource("badRequests")
	void answersA4xxAsJsonAndWritesNothing(String method, String path, String contentType, String body, int status,
			String what) {
		var api = site.simulator();
		var before = site.counts();

		var answer = body == null ? api.send(method, path) : api.post(path, contentType, body);

		assertThat(answer.status()).as(what).isEqualTo(status);
		assertThat(answer.header("Content-Type")).singleElement().asString().startsWith("application/json");
		assertThat(answer.body()).as(what).matches("\\{\"status\":" + status + ",\"error_msg\":\"[^\"]+\"}");
		assertThat(site.counts()).as(what).isEqualTo(before);
	}

	@Test
	void aCountThatIsNotAPositiveIntegerFallsBackToTheDefault() {
		var api = site.simulator();
		for (String no : new String[] { "-1", "0", "abc", "1.5", "" }) {
			assertThat(api.get("/api/msgs?no=" + no).status()).as("no=%s", no).isEqualTo(200);
			assertThat(api.get("/api/fllws/" + USER + "?no=" + no).status()).as("no=%s", no).isEqualTo(200);
		}
		assertThat(api.get("/api/msgs?no=99999999999").status()).isEqualTo(200);
	}

	@Test
	void aLatestThatIsNotAnIntegerIsIgnored() {
		var api = site.simulator();
		api.get("/api/latest?latest=31337");
		for (String latest : new String[] { "abc", "1.5", "", Simulator.query("1 OR 1=1"), "99999999999999999999" }) {
			assertThat(api.get("/api/msgs?latest=" + latest).status()).isEqualTo(200);
			assertThat(api.get("/api/latest").body()).as("latest=%s", latest).isEqualTo("{\"latest\":31337}");
		}
	}

}
