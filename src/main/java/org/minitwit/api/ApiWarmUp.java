package org.minitwit.api;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.minitwit.operations.WarmUpRequests;

import org.springframework.context.annotation.Conditional;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;

/**
 * The API's part of the warm-up: each endpoint once, with the API's credentials (so no
 * failed sign-in is counted) and without {@code latest} (so none is recorded). The
 * sign-up is refused for its e-mail address after its username has been checked, the post
 * and the follow for their user, who cannot exist: a blank name.
 */
@Component
@Conditional(ApiSwitch.class)
class ApiWarmUp implements WarmUpRequests {

	private static final String NO_USER = "/%20";

	private final ApiProperties properties;

	ApiWarmUp(ApiProperties properties) {
		this.properties = properties;
	}

	@Override
	public List<HttpRequest.Builder> requests(URI instance) {
		return List.of(get(instance, ApiPaths.LATEST), get(instance, ApiPaths.MESSAGES + "?no=20"),
				post(instance, ApiPaths.REGISTER,
						"{\"username\":\"warm up\",\"email\":\"no address\",\"pwd\":\"warm up\"}"),
				post(instance, ApiPaths.MESSAGES + NO_USER, "{\"content\":\"warm up\"}"),
				get(instance, ApiPaths.MESSAGES + NO_USER), get(instance, "/api/fllws" + NO_USER),
				post(instance, "/api/fllws" + NO_USER, "{\"follow\":\"warm up\"}"));
	}

	private HttpRequest.Builder get(URI instance, String path) {
		return authorized(instance, path).GET();
	}

	private HttpRequest.Builder post(URI instance, String path, String json) {
		return authorized(instance, path).header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json));
	}

	private HttpRequest.Builder authorized(URI instance, String path) {
		return HttpRequest.newBuilder(instance.resolve(path))
			.header(HttpHeaders.AUTHORIZATION, "Basic " + HttpHeaders.encodeBasicAuth(this.properties.user(),
					this.properties.password(), StandardCharsets.UTF_8));
	}

}
