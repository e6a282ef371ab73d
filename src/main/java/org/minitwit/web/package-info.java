/**
 * What every request meets around the controllers: the servlet filters in their order
 * (RequestPipeline), the error pages, and the paths the application serves.
 */
package org.minitwit.web;
