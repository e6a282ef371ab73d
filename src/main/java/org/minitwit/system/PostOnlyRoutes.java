package org.minitwit.system;

import java.util.List;

import org.springframework.stereotype.Controller;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * {@code GET /add_message} and {@code GET /logout} would otherwise be read as user pages of
 * users who cannot exist (404); they are actions, so the right answer is 405.
 */
@Controller
class PostOnlyRoutes {

	@GetMapping({ "/add_message", "/logout" })
	void postOnly() throws HttpRequestMethodNotSupportedException {
		throw new HttpRequestMethodNotSupportedException("GET", List.of("POST"));
	}

}
