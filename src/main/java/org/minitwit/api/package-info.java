/**
 * The simulator's JSON API under {@code /api}: off unless its password is configured,
 * stateless, and built on the same repositories and rules as the pages.
 */
package org.minitwit.api;
