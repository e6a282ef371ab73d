package org.minitwit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

import org.springframework.stereotype.Controller;
import org.springframework.stereotype.Repository;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shape of the code: packages by concern, without cycles, each table with one owner.
 */
@AnalyzeClasses(packages = "org.minitwit", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTests {

	private static final Path MAIN = Path.of("src/main/java/org/minitwit");

	private static final int MAX_FILE_LINES = 200;

	private static final double MAX_PACKAGE_SHARE = 30;

	/** Each table and the one package whose code may name it in SQL. */
	private static final Map<String, String> TABLE_OWNERS = Map.of("users", "user", "follower", "follow", "message",
			"timeline", "sign_in_attempts", "signin", "latest", "api");

	/**
	 * The two packages that read {@code users} to show a user beside what they own (see
	 * their javadoc).
	 */
	private static final Map<String, String> READERS_OF_USERS = Map.of("timeline", "authors of messages", "follow",
			"the user of a user page with whether the viewer follows them");

	@ArchTest
	static final ArchRule packagesHaveNoCycles = slices().matching("org.minitwit.(*)..").should().beFreeOfCycles();

	@ArchTest
	static final ArchRule noDrawerPackages = noClasses().should()
		.resideInAnyPackage("..system..", "..util..", "..utils..", "..common..", "..core..", "..misc..", "..helper..");

	@ArchTest
	static final ArchRule controllersArePackagePrivate = classes().that()
		.areAnnotatedWith(Controller.class)
		.should()
		.notBePublic();

	@ArchTest
	static final ArchRule repositoriesDependOnNoWebClass = noClasses().that()
		.areAnnotatedWith(Repository.class)
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage("org.springframework.web..", "jakarta.servlet..", "org.minitwit.web..");

	@ArchTest
	static final ArchRule repositoriesAreNamedForTheirTable = classes().that()
		.areAnnotatedWith(Repository.class)
		.should()
		.haveSimpleNameEndingWith("Repository");

	@Test
	void onlyItsOwnerNamesATableInSql() throws IOException {
		var tableName = Pattern.compile("\\b(?:FROM|JOIN|INTO|UPDATE)\\s+(\\w+)", Pattern.CASE_INSENSITIVE);
		try (Stream<Path> sources = Files.walk(MAIN)) {
			for (Path source : sources.filter(path -> path.toString().endsWith(".java")).toList()) {
				String pkg = source.getParent().getFileName().toString();
				var matcher = tableName.matcher(Files.readString(source));
				while (matcher.find()) {
					String table = matcher.group(1).toLowerCase();
					String owner = TABLE_OWNERS.get(table);
					if (owner == null || owner.equals(pkg)) {
						continue;
					}
					assertThat(table.equals("users") && READERS_OF_USERS.containsKey(pkg))
						.as("%s names the table %s, which is %s's", source, table, owner)
						.isTrue();
				}
			}
		}
	}

	@Test
	void everyPackageSaysWhatItIsForAndNoFileOrPackageIsADrawer() throws IOException {
		var linesPerPackage = new TreeMap<String, Long>();
		try (Stream<Path> sources = Files.walk(MAIN)) {
			for (Path source : sources.filter(path -> path.toString().endsWith(".java")).toList()) {
				long lines = Files.readAllLines(source).size();
				assertThat(lines).as("lines of %s", source).isLessThanOrEqualTo(MAX_FILE_LINES);
				linesPerPackage.merge(MAIN.relativize(source.getParent()).toString(), lines, Long::sum);
			}
		}
		long total = linesPerPackage.values().stream().mapToLong(Long::longValue).sum();
		linesPerPackage.forEach((pkg, lines) -> {
			assertThat(MAIN.resolve(pkg).resolve("package-info.java")).as("package-info of %s", pkg).exists();
			assertThat(100.0 * lines / total).as("share of main lines in %s", pkg)
				.isLessThanOrEqualTo(MAX_PACKAGE_SHARE);
		});
	}

}
