/**
 * What an operator runs an instance with: the management port and what it serves (health,
 * Prometheus metrics, drain), and the log format.
 */
package org.minitwit.operations;
