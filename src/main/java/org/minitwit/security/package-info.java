/**
 * Spring Security for the whole application: CSRF on every state-changing request,
 * sign-in required for changes except the public forms, security headers, and password
 * hashing.
 */
package org.minitwit.security;
