/**
 * What every request meets around the controllers: the servlet filters in their order
 * (RequestPipeline), the error pages, the paths the application serves, and request text
 * made fit for a log line.
 */
package org.minitwit.web;
