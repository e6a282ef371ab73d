package org.minitwit.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Names the instance that answered, behind a load balancer (see
 * {@link InstanceProperties#instanceId()}).
 */
class InstanceHeaderFilter extends OncePerRequestFilter {

	private final String instanceId;

	InstanceHeaderFilter(String instanceId) {
		this.instanceId = instanceId;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		response.setHeader("X-MiniTwit-Instance", instanceId);
		chain.doFilter(request, response);
	}

}
