package org.minitwit;

import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.minitwit.support.MiniTwitOverHttp;
import org.minitwit.support.TestSite;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hand-written OpenAPI document, as served, describes exactly the API's handlers:
 * every path and method that is mapped, and nothing that is not.
 */
@MiniTwitOverHttp
class ApiDocumentHttpTests {

	@Autowired
	private TestSite site;

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	private RequestMappingHandlerMapping handlers;

	@Test
	void theDocumentNamesEveryEndpointOfTheApiAndNoOther() {
		var served = site.simulator().get("/api/openapi.json");
		assertThat(served.status()).isEqualTo(200);
		assertThat(served.header("Content-Type")).singleElement().asString().startsWith("application/json");
		JsonNode document = JsonMapper.builder().build().readTree(served.body());

		Set<String> described = new TreeSet<>();
		document.get("paths").properties().forEach(path -> path.getValue().propertyNames().forEach(method -> {
			if (!method.equals("parameters")) {
				described.add(method.toUpperCase() + " " + path.getKey());
			}
		}));
		Set<String> mapped = new TreeSet<>();
		handlers.getHandlerMethods().keySet().forEach(info -> info.getPatternValues().forEach(path -> {
			if (path.startsWith("/api/")) {
				// The answer 405 to other methods has no method of its own.
				info.getMethodsCondition().getMethods().forEach(method -> mapped.add(method.name() + " " + path));
			}
		}));

		assertThat(document.get("openapi").asString()).startsWith("3.");
		assertThat(described).isEqualTo(mapped).isNotEmpty();
	}

}
