package org.minitwit.operations;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * On SIGTERM, turns readiness down and keeps serving for
 * {@code minitwit.drain.before-shutdown} before the web server's graceful shutdown
 * begins. That shutdown closes the listening socket: a connection the load balancer
 * opened just before, still waiting in the socket's queue, would be reset after its
 * request was sent, and a POST cannot be retried on the other instance. Once the load
 * balancer has seen readiness down it opens no such connection.
 */
@Component
class DrainBeforeShutdown implements SmartLifecycle {

	private static final Log log = LogFactory.getLog(DrainBeforeShutdown.class);

	private final ApplicationEventPublisher events;

	private final DrainProperties properties;

	private volatile boolean running;

	private volatile boolean drained;

	DrainBeforeShutdown(ApplicationEventPublisher events, DrainProperties properties) {
		this.events = events;
		this.properties = properties;
	}

	/**
	 * A context stopped and started again (the test framework pauses the contexts it
	 * keeps while they are not in use) takes traffic again; Boot reports the first start
	 * ready.
	 */
	@Override
	public void start() {
		if (this.drained) {
			this.drained = false;
			AvailabilityChangeEvent.publish(this.events, this, ReadinessState.ACCEPTING_TRAFFIC);
		}
		this.running = true;
	}

	@Override
	public void stop() {
		this.running = false;
		this.drained = true;
		AvailabilityChangeEvent.publish(this.events, this, ReadinessState.REFUSING_TRAFFIC);
		long drainMillis = this.properties.beforeShutdown().toMillis();
		if (drainMillis > 0) {
			log.info("Stopping: readiness is down, serving on for " + drainMillis + " ms"
					+ " while the load balancer notices");
			try {
				Thread.sleep(drainMillis);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	/** Stopped just before the web server's graceful shutdown, which stops accepting. */
	@Override
	public int getPhase() {
		return WebServerApplicationContext.GRACEFUL_SHUTDOWN_PHASE + 1;
	}

}
