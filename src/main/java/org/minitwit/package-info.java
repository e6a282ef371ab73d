/**
 * MiniTwit, the small Twitter-like web application: the entry point that starts the web
 * application or runs a sub-command.
 */
package org.minitwit;
