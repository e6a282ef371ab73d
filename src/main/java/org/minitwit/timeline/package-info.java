/**
 * Messages and the three timelines: the message table, its index-first queries paged by a
 * cursor, and posting.
 */
package org.minitwit.timeline;
