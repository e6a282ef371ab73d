package org.minitwit.operations;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.List;

/**
 * Requests a feature adds to the instance's warm-up ({@link WarmUp}). Each must change
 * nothing stored: a read, or a write refused by validation before it reaches the
 * database.
 */
public interface WarmUpRequests {

	/**
	 * @param instance this instance's own address
	 * @return the requests, sent in this order (the warm-up sets their timeout)
	 */
	List<HttpRequest.Builder> requests(URI instance);

}
