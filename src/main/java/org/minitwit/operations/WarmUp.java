package org.minitwit.operations;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Before the instance reports ready, it hashes a password and serves itself the pages and
 * the requests that features add ({@link WarmUpRequests}), none of which changes
 * anything. A fresh JVM loads classes, compiles templates and interprets the hashing loop
 * on its first requests, which then take several times as long as the next ones; behind a
 * load balancer those first requests would be real users', or a program's with a short
 * timeout. Readiness goes up only after this listener returns, so the balancer sends
 * nothing before. A request that fails is skipped: warming up never stops a start.
 */
@Component
class WarmUp {

	private static final Log log = LogFactory.getLog(WarmUp.class);

	private static final List<String> PAGES = List.of("/public", "/login", "/register", "/%20");

	private static final Duration TIMEOUT = Duration.ofSeconds(2);

	private final WarmUpProperties properties;

	private final PasswordEncoder passwords;

	private final ObjectProvider<WarmUpRequests> features;

	WarmUp(WarmUpProperties properties, PasswordEncoder passwords, ObjectProvider<WarmUpRequests> features) {
		this.properties = properties;
		this.passwords = passwords;
		this.features = features;
	}

	@EventListener
	void warmUp(ApplicationReadyEvent event) {
		if (!this.properties.enabled()
				|| !(event.getApplicationContext() instanceof WebServerApplicationContext context)) {
			return;
		}
		long started = System.nanoTime();
		// Only a JVM's first hash is slow, its hashing loop still interpreted: one is
		// enough.
		this.passwords.encode(WarmUp.class.getName());
		var instance = URI.create("http://127.0.0.1:" + context.getWebServer().getPort());
		var requests = requests(instance);
		var http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
		long answered = requests.stream().filter((request) -> send(http, request)).count();
		log.info("Warmed up in " + (System.nanoTime() - started) / 1_000_000 + " ms: " + answered + " of "
				+ requests.size() + " requests answered");
	}

	private List<HttpRequest> requests(URI instance) {
		List<HttpRequest.Builder> requests = new ArrayList<>();
		for (String page : PAGES) {
			requests.add(HttpRequest.newBuilder(instance.resolve(page)));
		}
		this.features.orderedStream().forEach((feature) -> requests.addAll(feature.requests(instance)));
		return requests.stream().map((request) -> request.timeout(TIMEOUT).build()).toList();
	}

	private static boolean send(HttpClient http, HttpRequest request) {
		try {
			http.send(request, HttpResponse.BodyHandlers.discarding());
			return true;
		}
		catch (IOException ex) {
			log.debug("Warm-up request " + request.uri().getPath() + " failed", ex);
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

}
