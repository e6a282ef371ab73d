package org.minitwit.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Dockerfile and .dockerignore, read as Docker reads them: one instruction per
 * logical line.
 */
class DockerfileTests {

	private static final List<Instruction> INSTRUCTIONS = parse(DeployFiles.read("Dockerfile"));

	@Test
	void buildsWithTheWrapperOnAJdk17AndRunsOnAJre25() {
		List<Instruction> froms = all("FROM");
		assertThat(froms).as("multi-stage").hasSizeGreaterThanOrEqualTo(2);
		assertThat(froms.get(0).arguments()).contains("eclipse-temurin:17-jdk");
		assertThat(froms.get(froms.size() - 1).arguments()).contains("eclipse-temurin:25-jre");
		assertThat(buildStages()).flatExtracting(stage -> stage)
			.filteredOn(instruction -> instruction.is("RUN"))
			.anySatisfy(run -> assertThat(run.arguments()).contains("./mvnw").contains("package"));
	}

	@Test
	void runsTheLayersExtractedFromTheJarWithTheStartUpRecordedOnce() {
		assertThat(buildStages()).flatExtracting(stage -> stage)
			.filteredOn(instruction -> instruction.is("RUN"))
			.anySatisfy(run -> assertThat(run.arguments()).contains("-Djarmode=tools")
				.contains("extract")
				.contains("--layers")
				.doesNotContain("--launcher"));
		List<String> copies = finalStage().stream()
			.filter(instruction -> instruction.is("COPY"))
			.map(Instruction::arguments)
			.toList();
		assertThat(copies).hasSize(4).last().asString().contains("scripts/startup-cache.sh");
		assertThat(finalStage()).filteredOn(instruction -> instruction.is("RUN"))
			.anySatisfy(run -> assertThat(run.arguments()).contains("startup-cache.sh /app"));
		// Least to most often changed, so that a code change rebuilds only the last
		// layer.
		assertThat(copies.get(0)).contains("/dependencies/");
		assertThat(copies.get(1)).contains("/snapshot-dependencies/");
		assertThat(copies.get(2)).contains("/application/");
	}

	@Test
	void theFinalStageRunsAsANonRootUser() {
		List<Instruction> users = finalStage().stream().filter(instruction -> instruction.is("USER")).toList();
		assertThat(users).as("USER in the final stage").isNotEmpty();
		String user = users.get(users.size() - 1).arguments().split(":")[0];
		assertThat(user).isNotIn("root", "0", "");
		// Nothing after the USER switches back.
		int lastUser = finalStage().indexOf(users.get(users.size() - 1));
		assertThat(finalStage().subList(lastUser, finalStage().size()))
			.noneMatch(instruction -> instruction.is("RUN") && instruction.arguments().contains("su "));
	}

	@Test
	void exposesPort5000() {
		assertThat(finalStage()).filteredOn(instruction -> instruction.is("EXPOSE"))
			.extracting(Instruction::arguments)
			.anySatisfy(ports -> assertThat(ports.split("\\s+")).contains("5000"));
	}

	@Test
	void theHealthCheckAsksForReadinessWithAToolTheImageHas() {
		List<Instruction> checks = finalStage().stream().filter(instruction -> instruction.is("HEALTHCHECK")).toList();
		assertThat(checks).hasSize(1);
		String check = checks.get(0).arguments();
		// /readyz is on the application port whether or not the actuator has a port of
		// its own.
		assertThat(check).contains(":${SERVER_PORT:-5000}/readyz").contains("CMD");
		String tool = check.substring(check.indexOf("CMD") + 3).trim().split("\\s+")[0].replaceAll("[\\[\",]", "");
		assertThat(tool).isIn("curl", "wget");
		// The JRE base image is not ours: the build must fail if it ever stops shipping
		// the tool.
		assertThat(finalStage()).filteredOn(instruction -> instruction.is("RUN"))
			.anySatisfy(run -> assertThat(run.arguments()).containsPattern(Pattern.quote(tool) + " --version"));
	}

	@Test
	void javaIsTheProcessThatReceivesSigterm() {
		List<Instruction> entrypoints = finalStage().stream()
			.filter(instruction -> instruction.is("ENTRYPOINT"))
			.toList();
		assertThat(entrypoints).hasSize(1);
		// Exec form: in shell form /bin/sh is PID 1 and never passes SIGTERM on to the
		// JVM.
		assertThat(entrypoints.get(0).arguments()).startsWith("[\"java\"").contains("@/app/java.args");
		assertThat(finalStage())
			.noneMatch(instruction -> instruction.is("STOPSIGNAL") && !instruction.arguments().equals("SIGTERM"));
	}

	@Test
	void setsTheHeapFromTheContainersMemory() {
		assertThat(finalStage()).filteredOn(instruction -> instruction.is("ENV") || instruction.is("ENTRYPOINT"))
			.extracting(Instruction::arguments)
			.anySatisfy(arguments -> assertThat(arguments).containsPattern("-XX:MaxRAMPercentage=\\d+"));
	}

	@Test
	void handsFreedNativeMemoryBackToTheOperatingSystem() {
		assertThat(finalStage()).filteredOn(instruction -> instruction.is("ENV"))
			.extracting(Instruction::arguments)
			.anySatisfy(arguments -> assertThat(arguments)
				.containsPattern("JDK_JAVA_OPTIONS=.*-XX:TrimNativeHeapInterval=\\d+"));
	}

	@Test
	void bakesNoCredentialIntoAnyLayer() {
		assertThat(INSTRUCTIONS).filteredOn(instruction -> instruction.is("ENV") || instruction.is("ARG"))
			.extracting(instruction -> instruction.arguments().toUpperCase(Locale.ROOT))
			.noneMatch(arguments -> arguments.contains("DB_PASSWD") || arguments.contains("PASSWORD")
					|| arguments.contains("SECRET") || arguments.contains("DB_USER"));
		assertThat(INSTRUCTIONS).filteredOn(instruction -> instruction.is("COPY") || instruction.is("ADD"))
			.extracting(Instruction::arguments)
			.noneMatch(arguments -> arguments.contains(".env"));
	}

	@Test
	void theBuildContextLeavesOutBuildOutputDataAndSecrets() {
		List<String> ignored = DeployFiles.read(".dockerignore")
			.lines()
			.map(String::trim)
			.filter(line -> !line.isEmpty() && !line.startsWith("#"))
			.map(line -> line.replaceAll("/$", ""))
			.toList();
		assertThat(ignored).contains("target", "data", ".git", ".env");
		// Whatever the build stage copies must not be ignored.
		assertThat(ignored).doesNotContain("src", "src/main", "mvnw", ".mvn", "pom.xml");
	}

	private static List<List<Instruction>> buildStages() {
		List<List<Instruction>> stages = stages();
		return stages.subList(0, stages.size() - 1);
	}

	private static List<Instruction> finalStage() {
		List<List<Instruction>> stages = stages();
		return stages.get(stages.size() - 1);
	}

	private static List<List<Instruction>> stages() {
		List<List<Instruction>> stages = new ArrayList<>();
		for (Instruction instruction : INSTRUCTIONS) {
			if (instruction.is("FROM")) {
				stages.add(new ArrayList<>());
			}
			if (!stages.isEmpty()) {
				stages.get(stages.size() - 1).add(instruction);
			}
		}
		return stages;
	}

	private static List<Instruction> all(String keyword) {
		return INSTRUCTIONS.stream().filter(instruction -> instruction.is(keyword)).toList();
	}

	/**
	 * Comments dropped, backslash continuations joined (comment lines inside them too, as
	 * Docker does).
	 */
	static List<Instruction> parse(String dockerfile) {
		List<Instruction> instructions = new ArrayList<>();
		StringBuilder current = new StringBuilder();
		for (String line : dockerfile.lines().toList()) {
			String trimmed = line.trim();
			if (trimmed.startsWith("#") || (trimmed.isEmpty() && current.isEmpty())) {
				continue;
			}
			if (trimmed.endsWith("\\")) {
				current.append(trimmed, 0, trimmed.length() - 1).append(' ');
				continue;
			}
			current.append(trimmed);
			String logical = current.toString().trim();
			current.setLength(0);
			if (logical.isEmpty()) {
				continue;
			}
			String[] parts = logical.split("\\s+", 2);
			instructions.add(new Instruction(parts[0].toUpperCase(Locale.ROOT), parts.length > 1 ? parts[1] : ""));
		}
		return instructions;
	}

	record Instruction(String keyword, String arguments) {

		boolean is(String keyword) {
			return this.keyword.equals(keyword);
		}

	}

}
