package org.minitwit.web;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/** The whole application's routes, as its handler mappings declare them. */
@SpringBootTest
class FixedPathsTests {

	@Autowired
	private FixedPaths fixedPaths;

	@ParameterizedTest
	@ValueSource(strings = { "public", "login", "logout", "register", "add_message", "static", "actuator", "error",
			"favicon.ico", "robots.txt", "readyz", "livez" })
	void everyFirstSegmentTheApplicationServesIsFixed(String segment) {
		assertThat(fixedPaths.contains(segment)).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "alice", "publicity", "follow", "unfollow", "health", "style.css" })
	void segmentsOnlyFurtherDownAPathOrOfNoRouteAreFree(String segment) {
		assertThat(fixedPaths.contains(segment)).isFalse();
	}

}
