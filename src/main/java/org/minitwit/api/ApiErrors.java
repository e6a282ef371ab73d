package org.minitwit.api;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every failure of an API handler, Spring MVC's own included (a body that is not JSON of
 * the expected shape, a wrong content type, a wrong method), as the protocol's JSON error
 * with its 4xx status; the pages' error page never answers here.
 */
@RestControllerAdvice(
		assignableTypes = { ApiMessagesController.class, ApiUsersController.class, ApiDocumentController.class })
class ApiErrors extends ResponseEntityExceptionHandler {

	static final String UNKNOWN_USER = "Unknown user";

	static final String NOT_JSON = "The body must be a JSON object with the fields of this request, as strings";

	static ResponseStatusException unknownUser() {
		return new ResponseStatusException(HttpStatus.NOT_FOUND, UNKNOWN_USER);
	}

	@Override
	protected ResponseEntity<Object> handleExceptionInternal(Exception failure, Object body, HttpHeaders headers,
			HttpStatusCode status, WebRequest request) {
		return ResponseEntity.status(status)
			.headers(headers)
			.body(new ApiError(status.value(), message(failure, status)));
	}

	private static String message(Exception failure, HttpStatusCode status) {
		if (failure instanceof ResponseStatusException known && known.getReason() != null) {
			return known.getReason();
		}
		if (failure instanceof HttpMessageNotReadableException) {
			return NOT_JSON;
		}
		if (failure instanceof HttpMediaTypeNotSupportedException) {
			return "The body must be application/json";
		}
		if (failure instanceof ErrorResponse response && response.getBody().getDetail() != null) {
			return response.getBody().getDetail();
		}
		var known = HttpStatus.resolve(status.value());
		return known == null ? "Error " + status.value() : known.getReasonPhrase();
	}

}
