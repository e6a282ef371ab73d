package org.minitwit.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * The deployment files of the project, read from the working tree, and ways to parse
 * them.
 */
final class DeployFiles {

	private DeployFiles() {
	}

	/**
	 * The project's root: the nearest directory upwards holding pom.xml (Maven runs tests
	 * there).
	 */
	static Path root() {
		Path dir = Path.of("").toAbsolutePath();
		while (dir != null && !Files.isRegularFile(dir.resolve("pom.xml"))) {
			dir = dir.getParent();
		}
		if (dir == null) {
			throw new IllegalStateException("no pom.xml above " + Path.of("").toAbsolutePath());
		}
		return dir;
	}

	static Path path(String relative) {
		return root().resolve(relative);
	}

	static String read(String relative) {
		try {
			return Files.readString(path(relative));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Plain YAML (docker compose): safe types only, merge keys ({@code <<}) resolved. */
	static Map<String, Object> yaml(String relative) {
		return yamlText(read(relative));
	}

	/** YAML (or JSON, which YAML reads too) given as text: safe types only. */
	static Map<String, Object> yamlText(String text) {
		return new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
	}

	/**
	 * CloudFormation YAML: the short forms of the intrinsic functions ({@code !Ref x},
	 * {@code !GetAtt a.b}, {@code !Sub s}, ...) become their long forms ({@code {Ref:
	 * x}}, {@code {Fn::GetAtt: [a, b]}}, {@code {Fn::Sub: s}}), as CloudFormation itself
	 * reads them.
	 */
	static Map<String, Object> cloudFormation(String relative) {
		return new Yaml(new CloudFormationConstructor()).load(read(relative));
	}

	/**
	 * How long Spring's graceful shutdown lets requests in flight finish
	 * ({@code spring.lifecycle.timeout-per-shutdown-phase}).
	 */
	static Duration shutdownPhase() {
		return duration(String.valueOf(applicationSetting("spring", "lifecycle", "timeout-per-shutdown-phase")));
	}

	/**
	 * How long a stopped instance may take before it exits: readiness down while the load
	 * balancer notices ({@code minitwit.drain.before-shutdown}), then the shutdown phase.
	 * Every stop timeout of the deployment is measured against this one figure.
	 */
	static Duration longestStop() {
		return duration(String.valueOf(applicationSetting("minitwit", "drain", "before-shutdown")))
			.plus(shutdownPhase());
	}

	private static Object applicationSetting(String... path) {
		Object value = yaml("src/main/resources/application.yml");
		for (String key : path) {
			value = map(value).get(key);
		}
		return value;
	}

	/** "20s", "45s", "1m30s", as compose, systemd and Spring write durations. */
	static Duration duration(String text) {
		return Duration.parse("PT" + text.trim().toUpperCase(Locale.ROOT));
	}

	@SuppressWarnings("unchecked")
	static Map<String, Object> map(Object value) {
		return (Map<String, Object>) value;
	}

	@SuppressWarnings("unchecked")
	static List<Object> list(Object value) {
		return (List<Object>) value;
	}

	/**
	 * The lines between {@code <<'EOF'} (or {@code <<EOF}) after {@code start} and the
	 * next {@code EOF}.
	 */
	static String heredoc(String script, String start) {
		Matcher matcher = Pattern.compile(Pattern.quote(start) + "\\s*<<'?EOF'?\\n(.*?)\\nEOF\\n", Pattern.DOTALL)
			.matcher(script);
		if (!matcher.find()) {
			throw new AssertionError("no here-document after: " + start);
		}
		return matcher.group(1);
	}

	private static final class CloudFormationConstructor extends SafeConstructor {

		CloudFormationConstructor() {
			super(new LoaderOptions());
			this.yamlMultiConstructors.put("!", new IntrinsicFunction());
		}

		private final class IntrinsicFunction extends AbstractConstruct {

			@Override
			public Object construct(Node node) {
				String name = node.getTag().getValue().substring(1);
				String key = switch (name) {
					case "Ref", "Condition" -> name;
					default -> "Fn::" + name;
				};
				Object argument;
				if (node instanceof ScalarNode scalar) {
					String value = constructScalar(scalar);
					// !GetAtt Resource.Attribute.Sub is [Resource, Attribute.Sub] in the
					// long form.
					argument = "GetAtt".equals(name)
							? List.of(value.substring(0, value.indexOf('.')), value.substring(value.indexOf('.') + 1))
							: value;
				}
				else if (node instanceof SequenceNode sequence) {
					argument = new ArrayList<>(constructSequence(sequence));
				}
				else {
					argument = new LinkedHashMap<>(constructMapping((MappingNode) node));
				}
				Map<String, Object> function = new LinkedHashMap<>();
				function.put(key, argument);
				return function;
			}

		}

	}

}
