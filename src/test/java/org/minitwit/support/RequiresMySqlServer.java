package org.minitwit.support;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Skips or fails a test class before Spring loads its context: from inside a context both
 * would be a "failed to load ApplicationContext". A condition rather than an assumption,
 * because build tools report a class aborted in {@code @BeforeAll} as zero tests, hiding
 * the reason.
 */
class RequiresMySqlServer implements ExecutionCondition, BeforeAllCallback {

	@Override
	public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
		return MySqlServer.skipReason()
			.map(ConditionEvaluationResult::disabled)
			.orElseGet(() -> ConditionEvaluationResult.enabled("A MySQL test server is configured or can be started"));
	}

	/** Fails the class when the server that must be there is not. */
	@Override
	public void beforeAll(ExtensionContext context) {
		MySqlServer.require();
	}

}
