/**
 * What an operator runs an instance with: the management port and what it serves (health,
 * Prometheus metrics, drain), the log format, and how an instance joins the load balancer
 * (warmed up) and leaves it (drained).
 */
package org.minitwit.operations;
