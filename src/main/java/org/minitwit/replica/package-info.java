/**
 * Which database answers a request when there is a read replica: handlers marked
 * {@link org.minitwit.replica.ReadsOnly} read from the replica while it keeps up, except
 * for a user whose own write is too recent for it, and from the primary whenever it
 * fails.
 */
package org.minitwit.replica;
