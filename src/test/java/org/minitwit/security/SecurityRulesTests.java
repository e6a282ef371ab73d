package org.minitwit.security;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.minitwit.user.SignedInUser;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.HttpMethod;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.minitwit.support.SignedIn.as;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;

/**
 * Secure by default, proven on every handler the application has: each state-changing
 * request needs the CSRF token, and a signed-in user unless its handler is a
 * {@link PublicForm}; and on paths no handler serves, the token is still checked first.
 */
@SpringBootTest
@AutoConfigureMockMvc
class SecurityRulesTests {

	private static final List<HttpMethod> STATE_CHANGING = List.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH,
			HttpMethod.DELETE);

	private static final SignedInUser SOMEONE = new SignedInUser(1, "someone");

	@Autowired
	private MockMvc mvc;

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	private RequestMappingHandlerMapping handlers;

	@Test
	void everyStateChangingHandlerNeedsTheTokenAndASignedInUserUnlessAPublicForm() throws Exception {
		var checked = new ArrayList<String>();
		for (var handler : handlers.getHandlerMethods().entrySet()) {
			for (RequestMethod method : handler.getKey().getMethodsCondition().getMethods()) {
				if (!STATE_CHANGING.contains(method.asHttpMethod())) {
					continue;
				}
				for (String pattern : handler.getKey().getPatternValues()) {
					String path = pattern.replaceAll("\\{[^}]*}", "someone");
					String what = method + " " + path;
					checked.add(what);
					assertThat(status(request(method.asHttpMethod(), path).with(as(SOMEONE))))
						.as(what + " without a token")
						.isEqualTo(403);
					var signedOut = mvc.perform(request(method.asHttpMethod(), path).with(csrf()))
						.andReturn()
						.getResponse();
					if (handler.getValue().hasMethodAnnotation(PublicForm.class)) {
						assertThat(signedOut.getRedirectedUrl()).as(what + " signed out").isNotEqualTo("/login");
					}
					else {
						assertThat(signedOut.getRedirectedUrl()).as(what + " signed out").endsWith("/login");
					}
				}
			}
		}
		assertThat(checked).contains("POST /login", "POST /register", "POST /logout", "POST /add_message",
				"POST /someone/follow", "POST /someone/unfollow");
	}

	@Test
	void onPathsNoHandlerServesTheTokenIsCheckedFirst() throws Exception {
		for (HttpMethod method : STATE_CHANGING) {
			for (String path : List.of("/no/such/page", "/public", "/someone", "/static/style.css",
					"/actuator/health")) {
				String what = method + " " + path;
				assertThat(status(request(method, path).with(as(SOMEONE)))).as(what + " without a token")
					.isEqualTo(403);
				assertThat(status(request(method, path).with(as(SOMEONE)).with(csrf()))).as(what + " with a token")
					.isIn(404, 405);
			}
		}
	}

	private int status(MockHttpServletRequestBuilder request) throws Exception {
		return mvc.perform(request).andReturn().getResponse().getStatus();
	}

}
