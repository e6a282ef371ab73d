package org.minitwit.api;

import java.util.List;

/**
 * The API's paths, named once for the handlers' mappings and for the security chain that
 * covers exactly these (and so no page of a user named "api").
 */
final class ApiPaths {

	static final String LATEST = "/api/latest";

	static final String REGISTER = "/api/register";

	static final String MESSAGES = "/api/msgs";

	static final String MESSAGES_OF = "/api/msgs/{username}";

	static final String FOLLOWS_OF = "/api/fllws/{username}";

	static final String OPENAPI = "/api/openapi.json";

	static final List<String> ALL = List.of(LATEST, REGISTER, MESSAGES, MESSAGES_OF, FOLLOWS_OF, OPENAPI);

	private ApiPaths() {
	}

}
