/**
 * The session store that all instances share (Spring Session JDBC), made safe for
 * concurrent requests of one session and cheap per request.
 */
package org.minitwit.session;
