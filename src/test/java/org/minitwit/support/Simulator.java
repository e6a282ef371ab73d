package org.minitwit.support;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.springframework.web.util.UriUtils;

/**
 * A client of the simulator API as the simulator is one: Basic credentials on every
 * request, JSON bodies, no cookies kept. Each instance comes from a client address of its
 * own ({@link Browser#newAddress()}), so that the limits per address count tests apart.
 */
public class Simulator {

	/** The API password of the HTTP tests' application ({@link MiniTwitOverHttp}). */
	public static final String PASSWORD = "test-api-password";

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final URI site;

	private final String authorization;

	private final String address;

	private Simulator(URI site, String user, String password, String address) {
		this.site = site;
		this.authorization = "Basic "
				+ Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
		this.address = address;
	}

	public Simulator(URI site, String user, String password) {
		this(site, user, password, Browser.newAddress());
	}

	public Simulator(URI site) {
		this(site, "simulator", PASSWORD);
	}

	/** From the same address, with other credentials. */
	public Simulator as(String user, String password) {
		return new Simulator(site, user, password, address);
	}

	public URI site() {
		return site;
	}

	public record Answer(int status, String body, HttpResponse<String> response) {

		public List<String> header(String name) {
			return response.headers().allValues(name);
		}

	}

	public Answer get(String path) {
		return send(request(path).GET());
	}

	public Answer post(String path, String json) {
		return post(path, "application/json", json);
	}

	public Answer post(String path, String contentType, String body) {
		return send(request(path).header("Content-Type", contentType)
			.POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)));
	}

	public Answer send(String method, String path) {
		return send(request(path).method(method, HttpRequest.BodyPublishers.noBody()));
	}

	/** Without credentials, from this simulator's address. */
	public Answer anonymous(String path) {
		return send(HttpRequest.newBuilder(site.resolve(path)).header("X-Forwarded-For", address).GET());
	}

	public Answer register(String username, String email, String pwd) {
		return post("/api/register", json(Map.of("username", username, "email", email, "pwd", pwd)));
	}

	public Answer postMessage(String username, String content) {
		return post("/api/msgs/" + segment(username), json(Map.of("content", content)));
	}

	public Answer follow(String who, String whom) {
		return post("/api/fllws/" + segment(who), json(Map.of("follow", whom)));
	}

	public static String segment(String username) {
		return UriUtils.encodePathSegment(username, StandardCharsets.UTF_8);
	}

	public static String query(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	/** A flat JSON object of strings. */
	public static String json(Map<String, String> fields) {
		var json = new StringBuilder("{");
		fields.forEach((name, value) -> json.append(json.length() > 1 ? "," : "")
			.append(quoted(name))
			.append(':')
			.append(quoted(value)));
		return json.append('}').toString();
	}

	private static String quoted(String text) {
		var quoted = new StringBuilder("\"");
		text.codePoints()
			.forEach(c -> quoted.append(c == '"' || c == '\\' ? "\\" + (char) c
					: c < 0x20 ? String.format("\\u%04x", c) : new String(Character.toChars(c))));
		return quoted.append('"').toString();
	}

	private HttpRequest.Builder request(String path) {
		return HttpRequest.newBuilder(site.resolve(path))
			.timeout(Duration.ofSeconds(30))
			.header("Authorization", authorization)
			.header("X-Forwarded-For", address);
	}

	private Answer send(HttpRequest.Builder request) {
		try {
			var response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
			return new Answer(response.statusCode(), response.body(), response);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
