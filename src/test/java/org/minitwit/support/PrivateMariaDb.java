package org.minitwit.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;

import static org.assertj.core.api.Assertions.fail;

/**
 * A MariaDB server of the test's own, which the test may kill, stop and start again:
 * never the shared one at 3306. Its data lives in a temporary directory that
 * {@link #close()} deletes; it listens on 127.0.0.1 at a free port that stays the same
 * across restarts, as a database host behind a fixed address would. Root has an empty
 * password.
 * <p>
 * Where {@code /usr/sbin/mariadbd} is missing the calling test is skipped, except with
 * {@code CI=true}, where it fails.
 */
public final class PrivateMariaDb implements AutoCloseable {

	private static final Path SERVER = Path.of("/usr/sbin/mariadbd");

	private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

	/** Small: a test writes megabytes, and the machine is shared. */
	private static final List<String> OPTIONS = List.of("--innodb-buffer-pool-size=32M", "--innodb-log-file-size=16M",
			"--max-connections=300", "--skip-name-resolve", "--character-set-server=utf8mb4");

	private final Path directory;

	private final int port;

	private final List<String> options;

	private Process process;

	private PrivateMariaDb(Path directory, int port, List<String> options) {
		this.directory = directory;
		this.port = port;
		this.options = options;
	}

	/** Installs a fresh data directory and starts the server on it. */
	public static PrivateMariaDb start() {
		return start(List.of());
	}

	/**
	 * Installs a fresh data directory and starts the server on it with more options
	 * ({@code --log-bin}, say), which it keeps when started again.
	 */
	public static PrivateMariaDb start(List<String> moreOptions) {
		if (!Files.isExecutable(SERVER)) {
			String reason = SERVER
					+ " is missing: the fault tests run a MariaDB of their own (apt-get install mariadb-server)";
			if ("true".equalsIgnoreCase(System.getenv("CI"))) {
				fail(reason + "; on CI they must run.");
			}
			Assumptions.abort(reason);
		}
		try {
			var directory = Files.createTempDirectory("minitwit-mariadb-");
			var server = new PrivateMariaDb(directory, Processes.freePort(), List.copyOf(moreOptions));
			try {
				server.install();
				server.startAgain();
				return server;
			}
			catch (RuntimeException | Error ex) {
				server.close();
				throw ex;
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public int port() {
		return port;
	}

	/** The server as the MySQL tests know servers, to create databases on it. */
	public MySqlServer server() {
		return new MySqlServer("127.0.0.1", port, "root", "");
	}

	public Connection connect(String database) throws SQLException {
		return DriverManager.getConnection(server().jdbcUrl(database), "root", "");
	}

	public boolean isRunning() {
		return process != null && process.isAlive();
	}

	/**
	 * Starts the server on the same data directory and port; returns once it accepts
	 * connections.
	 */
	public void startAgain() {
		if (isRunning()) {
			throw new IllegalStateException("MariaDB is running already");
		}
		var command = new ArrayList<>(List.of(SERVER.toString(), "--no-defaults", "--datadir=" + data(),
				"--port=" + port, "--socket=" + directory.resolve("mariadb.sock"), "--bind-address=127.0.0.1",
				"--pid-file=" + directory.resolve("mariadb.pid"), "--log-error=" + directory.resolve("error.log")));
		command.addAll(OPTIONS);
		command.addAll(options);
		if (isRoot()) {
			command.add("--user=root");
		}
		try {
			process = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.appendTo(directory.resolve("stdout.log").toFile()))
				.start();
			Processes.killOnExit(process);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		awaitConnections();
	}

	/**
	 * SIGKILL: the server is gone at once, mid-transaction, as in a crash or a lost host.
	 */
	public void kill() {
		Processes.kill(process);
	}

	/**
	 * SIGSTOP: the server is there but answers nothing, as a database host that hangs or
	 * a network that drops packets; connections are neither refused nor closed.
	 */
	public void freeze() {
		signal("STOP");
	}

	/** SIGCONT: the frozen server carries on where it stopped. */
	public void thaw() {
		signal("CONT");
	}

	private void signal(String signal) {
		try {
			var kill = new ProcessBuilder("kill", "-" + signal, String.valueOf(process.pid())).inheritIO().start();
			if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
				fail("kill -" + signal + " " + process.pid() + " failed");
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** SIGTERM, and waits for the server to shut down. */
	public void stop() {
		Processes.stop(process, Duration.ofSeconds(60));
	}

	@Override
	public void close() {
		if (process != null && process.isAlive()) {
			// a frozen server does not die of SIGKILL until it is running again
			signal("CONT");
		}
		if (process != null) {
			Processes.kill(process);
		}
		try (Stream<Path> files = Files.walk(directory)) {
			files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
		}
		catch (IOException ex) {
			// a leftover temporary directory is no reason to fail a test
		}
	}

	/** The server's own log, for a failure message. */
	public String errorLog() {
		try {
			return Files.readString(directory.resolve("error.log"));
		}
		catch (IOException ex) {
			return "(no error log: " + ex + ")";
		}
	}

	private Path data() {
		return directory.resolve("data");
	}

	private void install() {
		var command = new ArrayList<>(List.of(installer(), "--no-defaults", "--datadir=" + data(),
				"--auth-root-authentication-method=normal", "--skip-test-db"));
		command.addAll(OPTIONS);
		if (isRoot()) {
			command.add("--user=root");
		}
		try {
			var log = directory.resolve("install.log");
			var installer = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
			if (!installer.waitFor(2, TimeUnit.MINUTES)) {
				Processes.kill(installer);
				fail("mariadb-install-db did not finish: " + Files.readString(log));
			}
			if (installer.exitValue() != 0) {
				fail("mariadb-install-db failed: " + Files.readString(log));
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static String installer() {
		return Stream
			.of("/usr/bin/mariadb-install-db", "/usr/bin/mysql_install_db", "/usr/local/bin/mariadb-install-db")
			.filter(path -> Files.isExecutable(Path.of(path)))
			.findFirst()
			.orElse("mariadb-install-db");
	}

	private static boolean isRoot() {
		return "root".equals(System.getProperty("user.name"));
	}

	private void awaitConnections() {
		long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
		while (true) {
			try (var connection = connect("")) {
				return;
			}
			catch (SQLException ex) {
				if (!process.isAlive()) {
					fail("MariaDB exited with " + process.exitValue() + ":\n" + errorLog());
				}
				if (System.nanoTime() > deadline) {
					fail("MariaDB did not accept connections within " + START_TIMEOUT + ":\n" + errorLog());
				}
				Processes.sleep(Duration.ofMillis(100));
			}
		}
	}

}
