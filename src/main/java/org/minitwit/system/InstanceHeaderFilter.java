package org.minitwit.system;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/** Names the instance that answered, behind a load balancer (see {@link MiniTwitProperties#instanceId()}). */
@Component
@ConditionalOnProperty("minitwit.instance-id")
class InstanceHeaderFilter extends OncePerRequestFilter {

	private final String instanceId;

	InstanceHeaderFilter(MiniTwitProperties properties) {
		this.instanceId = properties.instanceId();
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		response.setHeader("X-MiniTwit-Instance", instanceId);
		chain.doFilter(request, response);
	}

}
