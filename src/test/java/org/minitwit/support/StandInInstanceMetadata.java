package org.minitwit.support;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;

/**
 * A stand-in for EC2's instance metadata service as the interruption watcher reads it:
 * IMDSv2 only (nothing without a session token), the instance id, the Spot interruption
 * notice and the Auto Scaling lifecycle state, with room for a test's own routes (the
 * stop command, the AWS CLI, the management port).
 */
public final class StandInInstanceMetadata implements AutoCloseable {

	private static final String TOKEN = "stand-in-session-token";

	private final HttpServer server;

	private final String instanceId;

	private final AtomicInteger requestsWithoutToken = new AtomicInteger();

	private volatile String spotNotice;

	private volatile String lifecycleState = "InService";

	private StandInInstanceMetadata(String instanceId) throws IOException {
		this.instanceId = instanceId;
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.server.createContext("/latest/api/token", this::token);
		this.server.createContext("/latest/meta-data/", this::metadata);
	}

	public static StandInInstanceMetadata start(String instanceId) throws IOException {
		var metadata = new StandInInstanceMetadata(instanceId);
		metadata.server.start();
		return metadata;
	}

	/** Adds a route of the test's own to the same server. */
	public void route(String path, HttpHandler handler) {
		this.server.createContext(path, handler);
	}

	public String url(String path) {
		return "http://127.0.0.1:" + this.server.getAddress().getPort() + path;
	}

	/** The instance-action document of a Spot interruption, from now on. */
	public void announceSpotInterruption(String notice) {
		this.spotNotice = notice;
	}

	public void lifecycleState(String state) {
		this.lifecycleState = state;
	}

	/** Metadata requests that came without a session token, which IMDSv2 refuses. */
	public int requestsWithoutToken() {
		return this.requestsWithoutToken.get();
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

	private void token(HttpExchange exchange) throws IOException {
		boolean v2 = "PUT".equals(exchange.getRequestMethod())
				&& exchange.getRequestHeaders().containsKey("X-aws-ec2-metadata-token-ttl-seconds");
		answer(exchange, v2 ? 200 : 400, v2 ? TOKEN : "");
	}

	private void metadata(HttpExchange exchange) throws IOException {
		if (!TOKEN.equals(exchange.getRequestHeaders().getFirst("X-aws-ec2-metadata-token"))) {
			this.requestsWithoutToken.incrementAndGet();
			answer(exchange, 401, "");
			return;
		}
		String notice = this.spotNotice;
		switch (exchange.getRequestURI().getPath().substring("/latest/meta-data/".length())) {
			case "instance-id" -> answer(exchange, 200, this.instanceId);
			case "spot/instance-action" -> answer(exchange, notice == null ? 404 : 200, notice == null ? "" : notice);
			case "autoscaling/target-lifecycle-state" -> answer(exchange, 200, this.lifecycleState);
			default -> answer(exchange, 404, "");
		}
	}

	public static void answer(HttpExchange exchange, int status, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.sendResponseHeaders(status, (status == 204 || bytes.length == 0) ? -1 : bytes.length);
		if (bytes.length > 0) {
			exchange.getResponseBody().write(bytes);
		}
		exchange.close();
	}

}
