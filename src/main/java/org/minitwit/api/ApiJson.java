package org.minitwit.api;

import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.type.LogicalType;

import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * JSON is read by the simulator API alone, and all it reads are strings: a number or a
 * boolean where a name or a text belongs is the client's mistake, answered 400, rather
 * than quietly stored as its digits.
 */
@Configuration(proxyBeanMethods = false)
class ApiJson {

	@Bean
	JsonMapperBuilderCustomizer stringsAreStrings() {
		return builder -> builder.withCoercionConfig(LogicalType.Textual,
				strings -> strings.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
					.setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
					.setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail));
	}

}
