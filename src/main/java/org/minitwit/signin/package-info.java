/**
 * Signing in and out with the original MiniTwit's rules and messages, and the limits per
 * window that all instances share: on failed sign-ins (with OWASP's device cookies, so
 * that nobody can lock the owner out) and on sign-ups per address.
 */
package org.minitwit.signin;
