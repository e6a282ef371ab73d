package org.minitwit.security;

import java.util.ArrayList;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;

/**
 * The one exception to CSRF protection, the simulator API: with the API on, its
 * state-changing handlers take no token but its credentials, every other path still needs
 * the token, the page of a user named "api" included, and no API request leaves a
 * session.
 */
@SpringBootTest(properties = "minitwit.api.password=rules-password")
@AutoConfigureMockMvc
class ApiSecurityRulesTests {

	@Autowired
	private MockMvc mvc;

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	private RequestMappingHandlerMapping handlers;

	@Test
	void theApisHandlersTakeCredentialsInsteadOfTheTokenAndNoOtherHandlerDoes() throws Exception {
		var exempt = new ArrayList<String>();
		for (var handler : handlers.getHandlerMethods().entrySet()) {
			for (RequestMethod method : handler.getKey().getMethodsCondition().getMethods()) {
				if (method == RequestMethod.GET) {
					continue;
				}
				for (String pattern : handler.getKey().getPatternValues()) {
					String path = pattern.replaceAll("\\{[^}]*}", "someone");
					var withCredentials = mvc
						.perform(request(method.asHttpMethod(), path).with(httpBasic("simulator", "rules-password"))
							.contentType(MediaType.APPLICATION_JSON)
							.content("{}"))
						.andReturn()
						.getResponse();
					if (withCredentials.getStatus() != 403) {
						exempt.add(method + " " + pattern);
						assertThat(withCredentials.getCookies()).as(method + " " + path).isEmpty();
						assertThat(mvc
							.perform(request(method.asHttpMethod(), path).contentType(MediaType.APPLICATION_JSON)
								.content("{}"))
							.andReturn()
							.getResponse()
							.getStatus()).as(method + " " + path + " without credentials").isEqualTo(403);
					}
				}
			}
		}
		assertThat(exempt).containsExactlyInAnyOrder("POST /api/register", "POST /api/msgs/{username}",
				"POST /api/fllws/{username}");
	}

	@Test
	void thePagesOfAUserNamedApiStillNeedTheToken() throws Exception {
		for (String path : new String[] { "/api/follow", "/api/unfollow" }) {
			assertThat(mvc.perform(request(HttpMethod.POST, path).with(httpBasic("simulator", "rules-password")))
				.andReturn()
				.getResponse()
				.getStatus()).as(path).isEqualTo(403);
		}
	}

}
