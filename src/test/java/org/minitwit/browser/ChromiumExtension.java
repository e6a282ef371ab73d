package org.minitwit.browser;

import java.net.URI;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import org.springframework.test.context.junit.jupiter.SpringExtension;

/**
 * Browser tests of the application Spring started on a random port. Where Chromium is not
 * installed they are skipped (failed on CI) before Spring loads anything: from inside a
 * context either would be a "failed to load ApplicationContext". A test method that takes
 * a {@link Chromium} gets a fresh one, signed out, showing nothing yet; after the test it
 * is checked a last time and closed.
 */
final class ChromiumExtension implements ExecutionCondition, BeforeAllCallback, ParameterResolver, AfterEachCallback {

	private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace
		.create(ChromiumExtension.class);

	@Override
	public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
		return Chromium.skipReason()
			.map(ConditionEvaluationResult::disabled)
			.orElseGet(() -> ConditionEvaluationResult.enabled("Chromium and chromedriver are installed, or CI=true"));
	}

	@Override
	public void beforeAll(ExtensionContext context) {
		Chromium.requireInstalled();
	}

	@Override
	public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
		return parameter.getParameter().getType() == Chromium.class;
	}

	@Override
	public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
		String port = SpringExtension.getApplicationContext(context)
			.getEnvironment()
			.getRequiredProperty("local.server.port");
		System.out.println("browser flow: " + context.getDisplayName());
		var chromium = Chromium.open(URI.create("http://localhost:" + port));
		context.getStore(NAMESPACE).put(Chromium.class, chromium);
		return chromium;
	}

	@Override
	public void afterEach(ExtensionContext context) {
		var chromium = context.getStore(NAMESPACE).remove(Chromium.class, Chromium.class);
		if (chromium != null) {
			try {
				chromium.checkForFaults();
			}
			finally {
				chromium.close();
			}
		}
	}

}
