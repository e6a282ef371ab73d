/**
 * The users table, the sign-up form and its rules, what makes a username (and which names
 * read alike), and who is signed in on every page.
 */
package org.minitwit.user;
