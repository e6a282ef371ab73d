package org.minitwit.operations;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param beforeShutdown how long readiness is down on SIGTERM before the instance stops
 * accepting connections: longer than the load balancer takes to notice, so that it sends
 * nothing more by the time the listening socket closes
 */
@ConfigurationProperties("minitwit.drain")
record DrainProperties(Duration beforeShutdown) {
}
