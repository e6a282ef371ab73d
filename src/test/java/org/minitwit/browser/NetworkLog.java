package org.minitwit.browser;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.openqa.selenium.json.Json;
import org.openqa.selenium.logging.LogEntry;

/**
 * Chromium's performance log (DevTools network events) read for one site: the pages it
 * served, in order, redirects included, with the instance that served each; and its
 * answers with a 4xx/5xx status. A status comes in two events, {@code responseReceived}
 * and {@code responseReceivedExtraInfo} (the raw headers): a stylesheet refused for its
 * content type (a 404 page is HTML) only ever gets the second, so both are read, and each
 * request is reported once.
 */
final class NetworkLog {

	private static final Json JSON = new Json();

	private final URI site;

	/**
	 * By DevTools request id: what was asked for last under that id (a redirect keeps the
	 * id).
	 */
	private final Map<String, Request> requests = new HashMap<>();

	private final Set<String> reported = new HashSet<>();

	private final List<Chromium.Served> pages = new ArrayList<>();

	NetworkLog(URI site) {
		this.site = site;
	}

	record Request(String url, boolean document) {
	}

	/** An answer of the site with an error status. */
	record Failure(Request request, int status) {
	}

	private record Event(String method, Map<String, Object> params) {

		String requestId() {
			return (String) params.get("requestId");
		}

		@SuppressWarnings("unchecked")
		Map<String, Object> map(String name) {
			return (Map<String, Object>) params.get(name);
		}

	}

	/**
	 * Reads the entries logged since the last read; returns the site's answers with an
	 * error status among them.
	 */
	List<Failure> read(List<LogEntry> entries) {
		var events = entries.stream().map(NetworkLog::event).toList();
		// An answer's event may be logged before its request's.
		for (var event : events) {
			if (event.method().equals("Network.requestWillBeSent")) {
				requests.put(event.requestId(), new Request((String) event.map("request").get("url"),
						"Document".equals(event.params().get("type"))));
			}
		}
		var failures = new ArrayList<Failure>();
		for (var event : events) {
			switch (event.method()) {
				case "Network.requestWillBeSent" -> {
					var redirect = event.map("redirectResponse");
					if (redirect != null && "Document".equals(event.params().get("type"))) {
						served(redirect);
					}
				}
				case "Network.responseReceived" -> {
					var response = event.map("response");
					if ("Document".equals(event.params().get("type"))) {
						served(response);
					}
					failed(event.requestId(), ((Number) response.get("status")).intValue(), failures);
				}
				case "Network.responseReceivedExtraInfo" ->
					failed(event.requestId(), ((Number) event.params().get("statusCode")).intValue(), failures);
				default -> {
				}
			}
		}
		return failures;
	}

	List<Chromium.Served> pages() {
		return List.copyOf(pages);
	}

	private void served(Map<String, Object> response) {
		String url = (String) response.get("url");
		if (isOnSite(url)) {
			pages.add(new Chromium.Served(url, ((Number) response.get("status")).intValue(), instance(response)));
		}
	}

	private void failed(String requestId, int status, List<Failure> failures) {
		var request = requests.get(requestId);
		if (status >= 400 && request != null && isOnSite(request.url()) && reported.add(requestId)) {
			failures.add(new Failure(request, status));
		}
	}

	@SuppressWarnings("unchecked")
	private static String instance(Map<String, Object> response) {
		var headers = (Map<String, Object>) response.getOrDefault("headers", Map.of());
		return headers.entrySet()
			.stream()
			.filter(header -> header.getKey().equalsIgnoreCase("X-MiniTwit-Instance"))
			.map(header -> String.valueOf(header.getValue()))
			.findFirst()
			.orElse(null);
	}

	private boolean isOnSite(String address) {
		var url = URI.create(address);
		return Objects.equals(url.getScheme(), site.getScheme()) && Objects.equals(url.getHost(), site.getHost())
				&& url.getPort() == site.getPort();
	}

	@SuppressWarnings("unchecked")
	private static Event event(LogEntry entry) {
		Map<String, Object> envelope = JSON.toType(entry.getMessage(), Json.MAP_TYPE);
		var message = (Map<String, Object>) envelope.get("message");
		return new Event((String) message.get("method"), (Map<String, Object>) message.get("params"));
	}

}
