package org.minitwit.deploy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.minitwit.support.StandInInstanceMetadata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.minitwit.support.StandInInstanceMetadata.answer;

/**
 * deploy/aws/interruption-watcher.sh against a stand-in for the instance metadata service
 * (IMDSv2: nothing without a session token), the instance's management port and the AWS
 * CLI: what it does, and in which order, once the instance is to go away.
 */
class InterruptionWatcherTests {

	private StandInInstanceMetadata metadata;

	/** What the watcher did, in order: "drain", "stop", "aws ...". */
	private final List<Event> events = new CopyOnWriteArrayList<>();

	/**
	 * Requests the instance has answered: still rising for a few scrapes after the drain.
	 */
	private final AtomicInteger served = new AtomicInteger(1000);

	private final AtomicInteger scrapesAfterDrain = new AtomicInteger();

	/**
	 * How many scrapes after the drain still find new requests, as the balancer has not
	 * noticed yet.
	 */
	private volatile int busyScrapesAfterDrain = 3;

	/** MINITWIT_LB_DETECT_SECONDS of the watcher. */
	private volatile int detectSeconds = 2;

	@TempDir
	Path bin;

	record Event(String what, long at) {
	}

	@BeforeEach
	void startStandIns() throws IOException {
		metadata = StandInInstanceMetadata.start("i-0123456789abcdef0");
		metadata.route("/actuator/drain", exchange -> {
			events.add(new Event("drain", System.nanoTime()));
			answer(exchange, 204, "");
		});
		metadata.route("/actuator/prometheus", exchange -> {
			if (events.stream().anyMatch(event -> event.what().equals("drain"))
					&& scrapesAfterDrain.incrementAndGet() <= busyScrapesAfterDrain) {
				served.incrementAndGet();
				events.add(new Event("request served", System.nanoTime()));
			}
			answer(exchange, 200,
					"""
							# TYPE http_server_requests_seconds summary
							http_server_requests_seconds_count{method="GET",outcome="SUCCESS",status="200",uri="/public"} %d
							http_server_requests_seconds_count{method="GET",outcome="SUCCESS",status="200",uri="/readyz"} %d
							http_server_requests_seconds_count{method="GET",outcome="SUCCESS",status="200",uri="/actuator/prometheus"} %d
							"""
						.formatted(served.get(), System.nanoTime() % 100000, System.nanoTime() % 100000));
		});
		// The stop command and the AWS CLI of the instance, recorded.
		metadata.route("/test/stop", exchange -> {
			events.add(new Event("stop", System.nanoTime()));
			// As a group's termination hook would be called after a Spot notice, a little
			// later.
			metadata.lifecycleState("Terminated");
			answer(exchange, 200, "");
		});
		metadata.route("/test/aws", exchange -> {
			events.add(new Event("aws " + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8),
					System.nanoTime()));
			answer(exchange, 200, "");
		});
		Path aws = bin.resolve("aws");
		Files.writeString(aws, "#!/bin/bash\ncurl -fsS -o /dev/null --data-binary \"$*\" " + url("/test/aws") + "\n");
		Files.setPosixFilePermissions(aws, PosixFilePermissions.fromString("rwxr-xr-x"));
	}

	@AfterEach
	void stopStandIns() {
		metadata.close();
	}

	@Test
	void aSpotNoticeDrainsWaitsForTheLoadBalancerStopsAndCompletesTheLifecycleAction() throws Exception {
		Process watcher = start(true);
		awaitPolled();
		assertThat(events).isEmpty();

		metadata.announceSpotInterruption("{\"action\": \"terminate\", \"time\": \"2026-11-30T12:00:00Z\"}");
		finish(watcher);

		assertThat(events).extracting(Event::what)
			.containsSubsequence("drain", "stop",
					"aws autoscaling complete-lifecycle-action --region eu-central-1 --auto-scaling-group-name minitwit-app"
							+ " --lifecycle-hook-name minitwit-drain --instance-id i-0123456789abcdef0"
							+ " --lifecycle-action-result CONTINUE");
		long drain = at("drain");
		long stop = at("stop");
		long lastRequest = events.stream()
			.filter(event -> event.what().equals("request served"))
			.mapToLong(Event::at)
			.max()
			.orElseThrow();
		assertThat(Duration.ofNanos(stop - drain)).as("at least the load balancer's detection time")
			.isGreaterThanOrEqualTo(Duration.ofSeconds(2));
		assertThat(Duration.ofNanos(stop - lastRequest)).as("a quiet second after the last request but probes")
			.isGreaterThanOrEqualTo(Duration.ofSeconds(1));
		assertThat(metadata.requestsWithoutToken()).as("metadata requests without an IMDSv2 token").isZero();
	}

	/**
	 * A quiet instance is not yet a drained one: the balancer may not have looked at
	 * readiness yet.
	 */
	@Test
	void waitsForTheLoadBalancersDetectionTimeEvenWhenNoRequestComes() throws Exception {
		busyScrapesAfterDrain = 0;
		detectSeconds = 3;
		metadata.lifecycleState("Terminated");
		finish(start(true));

		assertThat(Duration.ofNanos(at("stop") - at("drain"))).isGreaterThanOrEqualTo(Duration.ofSeconds(3));
	}

	@Test
	void theGroupTerminatingTheInstanceDrainsItToo() throws Exception {
		metadata.lifecycleState("Terminated");
		finish(start(true));

		assertThat(events).extracting(Event::what).containsSubsequence("drain", "stop");
		assertThat(events).last()
			.extracting(Event::what)
			.asString()
			.startsWith("aws autoscaling complete-lifecycle-action ");
	}

	@Test
	void outsideAnAutoScalingGroupThereIsNoLifecycleActionToComplete() throws Exception {
		metadata.lifecycleState("Terminated");
		finish(start(false));

		assertThat(events).extracting(Event::what)
			.containsSubsequence("drain", "stop")
			.noneMatch(what -> what.startsWith("aws"));
	}

	private Process start(boolean inGroup) throws IOException {
		ProcessBuilder builder = new ProcessBuilder("bash",
				DeployFiles.path("deploy/aws/interruption-watcher.sh").toString())
			.redirectErrorStream(true)
			.redirectOutput(bin.resolve("watcher.log").toFile());
		var environment = builder.environment();
		environment.put("PATH", bin + ":" + environment.get("PATH"));
		environment.put("IMDS_ENDPOINT", url(""));
		environment.put("MINITWIT_MANAGEMENT_URL", url(""));
		environment.put("MINITWIT_WATCH_INTERVAL", "0.2");
		environment.put("MINITWIT_LB_DETECT_SECONDS", String.valueOf(detectSeconds));
		environment.put("MINITWIT_DRAIN_QUIET_SECONDS", "1");
		environment.put("MINITWIT_STOP_COMMAND", "curl -fsS -o /dev/null -X POST " + url("/test/stop"));
		environment.put("AWS_REGION", "eu-central-1");
		if (inGroup) {
			environment.put("MINITWIT_ASG_NAME", "minitwit-app");
			environment.put("MINITWIT_LIFECYCLE_HOOK", "minitwit-drain");
		}
		return builder.start();
	}

	private void awaitPolled() throws Exception {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
		while (Files.readString(bin.resolve("watcher.log")).isEmpty() && System.nanoTime() < deadline) {
			Thread.sleep(50);
		}
		// The watcher has started; its first poll of the metadata finds no notice.
		Thread.sleep(500);
	}

	private void finish(Process watcher) throws Exception {
		boolean ended = watcher.waitFor(30, TimeUnit.SECONDS);
		String log = Files.readString(bin.resolve("watcher.log"));
		System.out.print(log);
		assertThat(ended).as("the watcher ended; its log:\n" + log).isTrue();
		assertThat(watcher.exitValue()).as(log).isZero();
	}

	private long at(String what) {
		return events.stream().filter(event -> event.what().equals(what)).findFirst().orElseThrow().at();
	}

	private String url(String path) {
		return metadata.url(path);
	}

}
