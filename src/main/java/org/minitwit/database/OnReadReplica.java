package org.minitwit.database;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Matches when {@code DB_READ_HOST} names a replica; an empty value, as compose passes an
 * unset variable, does not.
 */
public class OnReadReplica implements Condition {

	@Override
	public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
		return Binder.get(context.getEnvironment())
			.bind("db.read", ReplicaProperties.class)
			.map(ReplicaProperties::isSet)
			.orElse(false);
	}

}
