package org.minitwit.browser;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Debian's Chromium, headless, driven through Debian's chromedriver (nothing is
 * downloaded: Selenium Manager never runs), showing one MiniTwit site. Every page it
 * shows is checked as a person would notice: a severe console message (a JavaScript
 * error, a blocked script or style) or a request to the site answered with 4xx or 5xx (a
 * missing stylesheet) fails the test. Avatars come from Gravatar, which the tests never
 * reach: every host but the site's fails to resolve.
 */
public final class Chromium implements AutoCloseable {

	static final Path BINARY = Path.of("/usr/bin/chromium");

	static final Path DRIVER = Path.of("/usr/bin/chromedriver");

	static final int DESKTOP_WIDTH = 1280;

	static final int PHONE_WIDTH = 390;

	private static final Duration WAIT = Duration.ofSeconds(20);

	private static final Path SCREENSHOTS = Path.of("target", "screenshots");

	private static final String GRAVATAR = "https://www.gravatar.com/";

	/**
	 * Selenium warns at every start that it has no DevTools classes for this Chromium's
	 * version; these tests use none (only chromedriver's own CDP pass-through), so the
	 * warning is noise. Held here: java.util.logging keeps loggers only weakly, and a
	 * collected one forgets its level.
	 */
	private static final Logger CDP_VERSION_FINDER = Logger.getLogger("org.openqa.selenium.devtools.CdpVersionFinder");

	static {
		CDP_VERSION_FINDER.setLevel(Level.SEVERE);
	}

	private final URI site;

	private final Path profile;

	private final ChromeDriverService service;

	private final ChromeDriver driver;

	private final WebDriverWait wait;

	private final NetworkLog network;

	/**
	 * The one page that is meant to answer with an error status, such as a 404 page being
	 * looked at.
	 */
	private String expectedErrorPage;

	/**
	 * A page of the site as the network saw it: its status and the instance that served
	 * it.
	 */
	public record Served(String url, int status, String instance) {
	}

	private Chromium(URI site) throws IOException {
		this.site = site;
		this.network = new NetworkLog(site);
		this.profile = Files.createTempDirectory("minitwit-chromium-");
		this.service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
			.usingAnyFreePort()
			.build();
		try {
			this.driver = new ChromeDriver(service, options(profile));
		}
		catch (RuntimeException ex) {
			service.stop();
			deleteProfile();
			throw ex;
		}
		this.wait = new WebDriverWait(driver, WAIT);
		driver.manage().window().setSize(new Dimension(DESKTOP_WIDTH, 900));
	}

	/**
	 * Why the browser tests cannot run here; empty where they must (on CI,
	 * {@code CI=true}, they always must).
	 */
	static Optional<String> skipReason() {
		if (isInstalled() || "true".equalsIgnoreCase(System.getenv("CI"))) {
			return Optional.empty();
		}
		return Optional.of("No Chromium: the browser tests need " + BINARY + " and " + DRIVER
				+ " (apt-get install chromium chromium-driver)");
	}

	/** Skips the calling test where Chromium is not installed, and fails it on CI. */
	public static void requireInstalled() {
		skipReason().ifPresent(Assumptions::abort);
		if (!isInstalled()) {
			fail("CI=true and the browser tests must run, but " + BINARY + " or " + DRIVER
					+ " is missing: apt-get install chromium chromium-driver (as .ci/run does)");
		}
	}

	private static boolean isInstalled() {
		return Files.isExecutable(BINARY) && Files.isExecutable(DRIVER);
	}

	/**
	 * A new browser (empty profile, so signed out) showing nothing yet; {@code site} is
	 * the origin of MiniTwit.
	 */
	public static Chromium open(URI site) {
		requireInstalled();
		try {
			return new Chromium(site);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static ChromeOptions options(Path profile) {
		var logs = new LoggingPreferences();
		logs.enable(LogType.BROWSER, Level.ALL);
		logs.enable(LogType.PERFORMANCE, Level.ALL);
		var options = new ChromeOptions().setBinary(BINARY.toFile())
			.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
					"--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-quic",
					"--no-first-run", "--user-data-dir=" + profile,
					// Hermetic: the site is on this machine; anything else (Gravatar)
					// fails at once.
					"--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1");
		options.setCapability("goog:loggingPrefs", logs);
		options.setExperimentalOption("perfLoggingPrefs", Map.of("enableNetwork", true, "enablePage", false));
		return options;
	}

	public URI site() {
		return site;
	}

	/** Types an address into the address bar. */
	void open(String path) {
		expectedErrorPage = null;
		driver.get(site.resolve(path).toString());
	}

	/**
	 * Opens a page that is meant to answer with an error status: only its own status is
	 * not a fault.
	 */
	void openErrorPage(String path) {
		open(path);
		expectedErrorPage = site.resolve(path).toString();
	}

	/**
	 * The page is loaded and is the one a person expects: its title is
	 * {@code <heading> | MiniTwit} and its heading says the same. Then checks the page
	 * for faults.
	 */
	void shows(String heading) {
		wait.until(ExpectedConditions.titleIs(heading + " | MiniTwit"));
		waitUntilLoaded();
		assertThat(driver.findElement(By.tagName("h2")).getText()).as("heading of %s", driver.getCurrentUrl())
			.isEqualTo(heading);
		checkForFaults();
	}

	/**
	 * Runs an action that leaves the current page (clicking a link, submitting a form)
	 * and waits for the next.
	 */
	void leavesPageBy(Runnable action) {
		var current = driver.findElement(By.tagName("html"));
		expectedErrorPage = null;
		action.run();
		wait.until(ExpectedConditions.stalenessOf(current));
		waitUntilLoaded();
	}

	private void waitUntilLoaded() {
		wait.until(driver -> "complete".equals(script("return document.readyState")));
	}

	/**
	 * Clicks the form field whose {@code <label>} reads {@code label}, clears it and
	 * types {@code text}.
	 */
	void fill(String label, CharSequence text) {
		var field = field(label);
		field.click();
		field.clear();
		field.sendKeys(text);
	}

	/**
	 * The form field that the {@code <label>} reading {@code label} names (so labels must
	 * be real labels).
	 */
	WebElement field(String label) {
		var labels = driver.findElements(By.xpath("//label[normalize-space()=" + xpathLiteral(label) + "]"));
		assertThat(labels).as("labels reading %s on %s", label, driver.getCurrentUrl()).hasSize(1);
		String id = labels.get(0).getAttribute("for");
		assertThat(id).as("label %s names its field", label).isNotBlank();
		return driver.findElement(By.id(id));
	}

	/**
	 * Clicks the button that reads {@code text}; every button of MiniTwit submits a form,
	 * so a new page follows.
	 */
	void press(String text) {
		var button = driver.findElement(By.xpath("//button[normalize-space()=" + xpathLiteral(text) + "]"));
		leavesPageBy(button::click);
	}

	/** Clicks the first link that reads {@code text}. */
	void clickLink(String text) {
		var link = driver.findElement(By.linkText(text));
		leavesPageBy(link::click);
	}

	/**
	 * Types on the keyboard into whatever has the focus, as {@link Actions#sendKeys}
	 * does.
	 */
	void keyboard(CharSequence... keys) {
		new Actions(driver).sendKeys(keys).perform();
	}

	/** Presses a key while holding down a modifier, such as Ctrl+End. */
	void shortcut(Keys modifier, Keys key) {
		new Actions(driver).keyDown(modifier).sendKeys(key).keyUp(modifier).perform();
	}

	/**
	 * Pastes text where the focus is (unlike typed keys, pasted text may hold any
	 * character, emoji too).
	 */
	void paste(String text) {
		driver.executeCdpCommand("Input.insertText", Map.of("text", text));
	}

	WebElement focused() {
		return driver.switchTo().activeElement();
	}

	/** Whether the element with the focus is drawn with a focus ring a person can see. */
	boolean focusIsVisible() {
		return Boolean.TRUE.equals(script("""
				const style = getComputedStyle(document.activeElement);
				return style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 1
					|| style.boxShadow !== 'none'""")) && !"body".equals(focused().getTagName());
	}

	/** Waits until {@code condition}, a script's answer, is true. */
	void waitFor(String what, Supplier<Object> condition) {
		wait.withMessage("waiting for " + what).until(driver -> Boolean.TRUE.equals(condition.get()));
	}

	String text(String cssSelector) {
		return driver.findElement(By.cssSelector(cssSelector)).getText();
	}

	List<String> texts(String cssSelector) {
		return driver.findElements(By.cssSelector(cssSelector)).stream().map(WebElement::getText).toList();
	}

	boolean has(String cssSelector) {
		return !driver.findElements(By.cssSelector(cssSelector)).isEmpty();
	}

	Object script(String script, Object... arguments) {
		return ((JavascriptExecutor) driver).executeScript(script, arguments);
	}

	/**
	 * Saves the whole page as {@code target/screenshots/<name>-<width>.png} at desktop
	 * and phone width, and fails if at either width the page is wider than the screen (it
	 * would scroll sideways).
	 */
	void screenshot(String name) {
		for (int width : List.of(DESKTOP_WIDTH, PHONE_WIDTH)) {
			boolean phone = width == PHONE_WIDTH;
			driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
					Map.of("width", width, "height", phone ? 844 : 900, "deviceScaleFactor", 1, "mobile", phone));
			long pageWidth = (Long) script("return document.documentElement.scrollWidth");
			long pageHeight = (Long) script("return document.documentElement.scrollHeight");
			assertThat(pageWidth).as("%s at %d px wide scrolls sideways", name, width).isLessThanOrEqualTo(width);
			var shot = driver.executeCdpCommand("Page.captureScreenshot",
					Map.of("format", "png", "captureBeyondViewport", true, "clip",
							Map.of("x", 0, "y", 0, "width", width, "height", pageHeight, "scale", 1)));
			save(SCREENSHOTS.resolve(name + "-" + width + ".png"),
					Base64.getDecoder().decode((String) shot.get("data")));
		}
		driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
		checkForFaults();
	}

	private static void save(Path file, byte[] png) {
		try {
			Files.createDirectories(file.getParent());
			Files.write(file, png);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Fails on what went wrong since the last check: severe console messages (other than
	 * Gravatar images failing to load, which is expected here) and requests to the site
	 * that answered 4xx/5xx.
	 */
	void checkForFaults() {
		var faults = new ArrayList<String>();
		for (LogEntry entry : driver.manage().logs().get(LogType.BROWSER)) {
			if (entry.getLevel().intValue() >= Level.SEVERE.intValue() && !entry.getMessage().contains(GRAVATAR)
					&& !entry.getMessage().startsWith(expectedErrorPage + " - Failed to load resource")) {
				faults.add("console: " + entry.getMessage());
			}
		}
		for (var failure : network.read(driver.manage().logs().get(LogType.PERFORMANCE).getAll())) {
			if (!(failure.request().document() && failure.request().url().equals(expectedErrorPage))) {
				faults.add("HTTP " + failure.status() + " for " + failure.request().url());
			}
		}
		assertThat(faults).as("faults on %s", driver.getCurrentUrl()).isEmpty();
	}

	/**
	 * Every page of the site shown so far, redirects included, in order, with the
	 * instance that served it.
	 */
	public List<Served> pagesServed() {
		checkForFaults();
		return network.pages();
	}

	@Override
	public void close() {
		try {
			driver.quit();
		}
		finally {
			service.stop();
			deleteProfile();
		}
	}

	private void deleteProfile() {
		try (Stream<Path> files = Files.walk(profile)) {
			files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
		}
		catch (IOException ex) {
			// A leftover temporary profile is harmless; the test's own outcome matters
			// more.
		}
	}

	private static String xpathLiteral(String text) {
		if (!text.contains("'")) {
			return "'" + text + "'";
		}
		return "concat('" + text.replace("'", "', \"'\", '") + "')";
	}

}
