/**
 * Signing in and out with the original MiniTwit's rules and messages, and the limit on
 * failed sign-ins shared by all instances.
 */
package org.minitwit.signin;
