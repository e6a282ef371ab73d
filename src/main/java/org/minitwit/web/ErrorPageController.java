package org.minitwit.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * Every error is a MiniTwit page in the shared layout, whatever the client accepts:
 * MiniTwit has no JSON API, and a page never shows more than the status and what to do
 * next.
 */
@Controller
class ErrorPageController implements ErrorController {

	@RequestMapping("/error")
	String error(HttpServletRequest request, HttpServletResponse response, Model model) {
		// Reached directly rather than as an error dispatch, /error is just a page that
		// does not exist.
		int status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) instanceof Integer code ? code
				: HttpServletResponse.SC_NOT_FOUND;
		response.setStatus(status);
		model.addAttribute("status", status);
		return "error";
	}

}
