package org.minitwit;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import org.minitwit.support.MiniTwitInstance;

/**
 * What a load balancer and an operator watch while a test breaks something: readiness,
 * liveness and a static file, probed every 250 ms, and the instance's threads and
 * resident memory.
 */
final class Probes implements AutoCloseable {

	record Probe(String path, Duration at, Duration took, int status) {

		Duration answeredAt() {
			return at.plus(took);
		}

	}

	record Sample(Duration at, int threads, long residentMib) {
	}

	private static final List<String> PATHS = List.of("/actuator/health/readiness", "/actuator/health/liveness",
			"/static/style.css");

	private final URI site;

	private final MiniTwitInstance instance;

	private final Supplier<Duration> clock;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final AtomicBoolean stop = new AtomicBoolean();

	private final Thread thread;

	final ConcurrentLinkedQueue<Probe> probes = new ConcurrentLinkedQueue<>();

	final ConcurrentLinkedQueue<Sample> samples = new ConcurrentLinkedQueue<>();

	private Probes(MiniTwitInstance instance, Supplier<Duration> clock) {
		this.site = instance.uri();
		this.instance = instance;
		this.clock = clock;
		this.thread = new Thread(this::run, "probes");
		this.thread.setDaemon(true);
	}

	/** Starts probing {@code instance}; times are on the {@code clock} of the load. */
	static Probes start(MiniTwitInstance instance, Supplier<Duration> clock) {
		var probes = new Probes(instance, clock);
		probes.thread.start();
		return probes;
	}

	List<Probe> of(String path) {
		return probes.stream().filter(probe -> probe.path().equals(path)).toList();
	}

	int maxThreads() {
		return samples.stream().mapToInt(Sample::threads).max().orElse(-1);
	}

	long maxResidentMib() {
		return samples.stream().mapToLong(Sample::residentMib).max().orElse(-1);
	}

	@Override
	public void close() {
		stop.set(true);
		try {
			thread.join(30_000);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private void run() {
		while (!stop.get()) {
			samples.add(new Sample(clock.get(), instance.threads(), instance.residentMib()));
			for (String path : PATHS) {
				var at = clock.get();
				long started = System.nanoTime();
				int status;
				try {
					var request = HttpRequest.newBuilder(site.resolve(path)).timeout(FaultLoad.CLIENT_TIMEOUT).build();
					status = http.send(request, BodyHandlers.discarding()).statusCode();
				}
				catch (IOException ex) {
					status = 0;
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					return;
				}
				probes.add(new Probe(path, at, Duration.ofNanos(System.nanoTime() - started), status));
			}
			try {
				Thread.sleep(250);
			}
			catch (InterruptedException ex) {
				return;
			}
		}
	}

}
