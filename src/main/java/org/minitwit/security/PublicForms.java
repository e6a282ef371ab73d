package org.minitwit.security;

import java.util.List;
import java.util.function.Supplier;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.util.function.SingletonSupplier;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Matches the requests of the handlers marked {@link PublicForm}, by the paths and
 * methods their mappings declare, so that a route is spelled once, on its handler.
 */
final class PublicForms implements RequestMatcher {

	private final Supplier<RequestMatcher> matcher;

	PublicForms(RequestMappingHandlerMapping handlers) {
		// Built on first use: the handler mappings are complete only once the context is.
		this.matcher = SingletonSupplier.of(() -> {
			List<RequestMatcher> forms = handlers.getHandlerMethods()
				.entrySet()
				.stream()
				.filter(handler -> handler.getValue().hasMethodAnnotation(PublicForm.class))
				.flatMap(handler -> handler.getKey()
					.getMethodsCondition()
					.getMethods()
					.stream()
					.flatMap(method -> handler.getKey()
						.getPatternValues()
						.stream()
						.map(pattern -> (RequestMatcher) PathPatternRequestMatcher.withDefaults()
							.matcher(method.asHttpMethod(), pattern))))
				.toList();
			return forms.isEmpty() ? request -> false : new OrRequestMatcher(forms);
		});
	}

	@Override
	public boolean matches(HttpServletRequest request) {
		return matcher.get().matches(request);
	}

}
