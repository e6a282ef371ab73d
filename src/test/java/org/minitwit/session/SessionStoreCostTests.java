package org.minitwit.session;

import java.util.List;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.minitwit.support.Browser;
import org.minitwit.support.StatementCapture;
import org.minitwit.support.StatementCapture.Executed;
import org.minitwit.support.TestSite;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the shared session store costs a request, counted at the JDBC driver: a signed-in
 * page reads its session in one statement, without transaction control, and writes
 * nothing.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@Import({ TestSite.class, SessionStoreCostTests.Recorded.class })
class SessionStoreCostTests {

	private static StatementCapture capture;

	@Autowired
	private TestSite site;

	@TestConfiguration(proxyBeanMethods = false)
	static class Recorded {

		@Bean
		static BeanPostProcessor recordedDataSource() {
			return new BeanPostProcessor() {

				@Override
				public Object postProcessAfterInitialization(Object bean, String name) {
					if (bean instanceof DataSource dataSource && "dataSource".equals(name)) {
						capture = new StatementCapture(dataSource);
						return capture.dataSource();
					}
					return bean;
				}

			};
		}

	}

	@Test
	void aSignedInPageReadsItsSessionInOneStatementAndWritesNothing() {
		Browser browser = site.signedIn(site.user("Reader"));
		browser.share("something to read");
		// shows the flash, and removes it from the session
		browser.get("/");

		var statements = sql(() -> assertThat(browser.get("/").status()).isEqualTo(200));

		assertThat(statements).as("a session read, the page's bounds and the page; no transaction control")
			.hasSize(3)
			.allSatisfy(sql -> assertThat(sql).startsWith("SELECT"));
		assertThat(statements).filteredOn(sql -> sql.contains("SPRING_SESSION")).hasSize(1);
	}

	@Test
	void aSignedOutPageTouchesNoSession() {
		var statements = sql(() -> assertThat(site.browser().get("/public").status()).isEqualTo(200));

		assertThat(statements).singleElement().satisfies(sql -> assertThat(sql).doesNotContain("SPRING_SESSION"));
	}

	@Test
	void whatChangesInASessionIsStillWrittenAtOnce() {
		Browser browser = site.signedIn(site.user("Flashed"));

		var statements = sql(() -> browser.share("a flash is a session attribute"));

		assertThat(statements).anySatisfy(sql -> assertThat(sql).contains("SPRING_SESSION_ATTRIBUTES"))
			.contains("COMMIT");
	}

	private static List<String> sql(Runnable request) {
		return capture.duringOnEveryThread(request).stream().map(Executed::sql).map(String::strip).toList();
	}

}
