package org.minitwit.operations;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.annotation.WebEndpoint;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * {@code POST /actuator/drain}: readiness goes down and stays down, so that the load
 * balancer stops sending requests here before the instance is stopped (a Spot
 * interruption, a scale-in). Requests that still arrive are served as usual. Exposed on
 * the management port only (OperationsEnvironment); the security configuration takes it
 * from the instance itself only.
 */
@Component
@WebEndpoint(id = "drain")
class DrainEndpoint {

	private static final Log log = LogFactory.getLog(DrainEndpoint.class);

	private final ApplicationEventPublisher events;

	DrainEndpoint(ApplicationEventPublisher events) {
		this.events = events;
	}

	@WriteOperation
	void drain() {
		log.info("Draining: readiness is down until this instance stops");
		AvailabilityChangeEvent.publish(this.events, this, ReadinessState.REFUSING_TRAFFIC);
	}

}
