/**
 * What an operator runs an instance with: the management port and what it serves (health,
 * Prometheus metrics, drain), the log format, and how an instance leaves the load balancer
 * when it stops.
 */
package org.minitwit.operations;
