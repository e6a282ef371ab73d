package org.minitwit.replica;

import java.sql.Connection;
import java.sql.SQLException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.minitwit.database.ReadRouting;

import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.jdbc.datasource.ConnectionHolder;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.ModelAndView;

/**
 * Routes the statements of a {@link ReadsOnly} handler to the replica, when
 * {@link ReplicaReads} allows it: one read-only connection of {@link ReadRouting}, bound
 * to the thread while the handler runs, as a read-only transaction would bind it but
 * without the transaction's round trips. It is fetched at the first statement and given
 * back before the page is rendered.
 */
class ReadOnlyHandlers implements HandlerInterceptor {

	private final ReadRouting routing;

	ReadOnlyHandlers(ReadRouting routing) {
		this.routing = routing;
	}

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
		if (request.getAttribute(ReplicaReads.ALLOWED) != null && handler instanceof HandlerMethod method
				&& method.hasMethodAnnotation(ReadsOnly.class)
				&& !TransactionSynchronizationManager.hasResource(routing)) {
			Connection connection = DataSourceUtils.getConnection(routing);
			try {
				connection.setReadOnly(true);
			}
			catch (SQLException ex) {
				DataSourceUtils.releaseConnection(connection, routing);
				throw new CannotGetJdbcConnectionException("Cannot mark the connection read-only", ex);
			}
			TransactionSynchronizationManager.bindResource(routing, new ConnectionHolder(connection));
			request.setAttribute(ReplicaReads.USED, Boolean.TRUE);
		}
		return true;
	}

	@Override
	public void postHandle(HttpServletRequest request, HttpServletResponse response, Object handler,
			ModelAndView modelAndView) {
		release(request);
	}

	@Override
	public void afterCompletion(HttpServletRequest request, HttpServletResponse response, Object handler,
			Exception ex) {
		release(request);
	}

	private void release(HttpServletRequest request) {
		if (request.getAttribute(ReplicaReads.USED) != null && TransactionSynchronizationManager.hasResource(routing)) {
			var holder = (ConnectionHolder) TransactionSynchronizationManager.unbindResource(routing);
			DataSourceUtils.releaseConnection(holder.getConnection(), routing);
		}
	}

}
