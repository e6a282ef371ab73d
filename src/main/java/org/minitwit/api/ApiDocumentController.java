package org.minitwit.api;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.context.annotation.Conditional;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The API's description, and its answer to a method that none of its paths takes. The
 * description is written by hand, beside the code, rather than generated at start-up:
 * every instance would pay for the generator at every start to describe seven fixed
 * endpoints. ApiDocumentTests checks it against the handlers that are registered.
 */
@RestController
@Conditional(ApiSwitch.class)
class ApiDocumentController {

	static final Resource DOCUMENT = new ClassPathResource("api/openapi.json");

	@GetMapping(ApiPaths.OPENAPI)
	ResponseEntity<Resource> document() {
		return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(DOCUMENT);
	}

	/**
	 * The method is not one of the path's (its own mapping is more specific and wins):
	 * 405 as JSON, rather than the pages' error page.
	 */
	@RequestMapping({ ApiPaths.LATEST, ApiPaths.REGISTER, ApiPaths.MESSAGES, ApiPaths.MESSAGES_OF, ApiPaths.FOLLOWS_OF,
			ApiPaths.OPENAPI })
	void otherMethod(HttpServletRequest request) throws HttpRequestMethodNotSupportedException {
		throw new HttpRequestMethodNotSupportedException(request.getMethod());
	}

}
