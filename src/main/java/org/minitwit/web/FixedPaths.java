package org.minitwit.web;

import java.util.Collection;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.stereotype.Component;
import org.springframework.util.function.SingletonSupplier;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.handler.AbstractUrlHandlerMapping;
import org.springframework.web.servlet.mvc.method.RequestMappingInfoHandlerMapping;

/**
 * The first path segments the application serves itself ({@code login}, {@code public},
 * {@code static}, {@code actuator} …), read from its handler mappings, so that a route is
 * declared once, in its controller, and no user can be named like one (their page would
 * be unreachable).
 */
@Component
public class FixedPaths {

	/** Asked for by browsers and crawlers of any site, whether served or not. */
	private static final Set<String> WELL_KNOWN = Set.of("favicon.ico", "robots.txt");

	private final Supplier<Set<String>> firstSegments;

	FixedPaths(ListableBeanFactory beans) {
		// Read on first use: the handler mappings are complete only once the context is.
		this.firstSegments = SingletonSupplier.of(() -> Stream
			.concat(WELL_KNOWN.stream(),
					beans.getBeansOfType(HandlerMapping.class)
						.values()
						.stream()
						.flatMap(FixedPaths::patterns)
						.map(FixedPaths::firstSegment))
			.filter(segment -> !segment.isEmpty() && !segment.startsWith("{") && !segment.contains("*"))
			.map(segment -> segment.toLowerCase(Locale.ROOT))
			.collect(Collectors.toUnmodifiableSet()));
	}

	/**
	 * @param segment a first path segment, lower-cased
	 */
	public boolean contains(String segment) {
		return firstSegments.get().contains(segment);
	}

	private static Stream<String> patterns(HandlerMapping mapping) {
		if (mapping instanceof RequestMappingInfoHandlerMapping methods) {
			return methods.getHandlerMethods().keySet().stream().flatMap(info -> info.getPatternValues().stream());
		}
		if (mapping instanceof AbstractUrlHandlerMapping urls) {
			Collection<String> patterns = urls.getHandlerMap().keySet();
			return patterns.stream();
		}
		return Stream.empty();
	}

	private static String firstSegment(String pattern) {
		String path = pattern.startsWith("/") ? pattern.substring(1) : pattern;
		int slash = path.indexOf('/');
		return slash < 0 ? path : path.substring(0, slash);
	}

}
