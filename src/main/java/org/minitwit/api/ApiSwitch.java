package org.minitwit.api;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** Registers the API's handlers only while it is on ({@link ApiProperties#on()}). */
class ApiSwitch extends SpringBootCondition {

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		boolean on = Binder.get(context.getEnvironment())
			.bind("minitwit.api", ApiProperties.class)
			.map(ApiProperties::on)
			.orElse(false);
		return on ? ConditionOutcome.match("the simulator API has a password")
				: ConditionOutcome.noMatch("the simulator API has no password");
	}

}
