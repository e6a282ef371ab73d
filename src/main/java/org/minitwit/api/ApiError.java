package org.minitwit.api;

import java.io.IOException;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/** Every error of the API, as the simulator's protocol spells it. */
record ApiError(int status, @JsonProperty("error_msg") String errorMsg) {

	static final String NOT_AUTHORIZED = "You are not authorized to use this resource!";

	static ApiError of(HttpStatus status, String message) {
		return new ApiError(status.value(), message);
	}

	/** For the filters, which answer before any controller or message converter. */
	void writeTo(HttpServletResponse response, JsonMapper json) throws IOException {
		response.setStatus(status);
		response.setContentType(MediaType.APPLICATION_JSON_VALUE);
		response.setCharacterEncoding("UTF-8");
		json.writeValue(response.getOutputStream(), this);
	}

}
