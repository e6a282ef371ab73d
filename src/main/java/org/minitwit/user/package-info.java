/**
 * The users table, the sign-up form and its rules, what makes a username, and who is
 * signed in on every page.
 */
package org.minitwit.user;
