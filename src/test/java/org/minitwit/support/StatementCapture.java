package org.minitwit.support;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

import javax.sql.DataSource;

/**
 * A datasource that records every statement the application runs on it, with its
 * parameters, so that tests can examine the real SQL (its plan, say) rather than a copy.
 * Recording is on only for the current thread inside {@link #during(Runnable)}; otherwise
 * it passes everything through.
 */
public final class StatementCapture {

	/**
	 * One executed statement: its SQL, with {@code ?} placeholders, and the parameters in
	 * order.
	 */
	public record Executed(String sql, List<Object> parameters) {

		/**
		 * Prepares this statement, parameters bound, on another connection (with a prefix
		 * such as EXPLAIN).
		 */
		public PreparedStatement prepare(Connection connection, String prefix) throws java.sql.SQLException {
			var statement = connection.prepareStatement(prefix + sql);
			for (int i = 0; i < parameters.size(); i++) {
				statement.setObject(i + 1, parameters.get(i));
			}
			return statement;
		}

	}

	private final DataSource target;

	private final ThreadLocal<List<Executed>> recording = new ThreadLocal<>();

	public StatementCapture(DataSource target) {
		this.target = target;
	}

	/** The recording datasource, to build the application's JDBC access on. */
	public DataSource dataSource() {
		return proxy(DataSource.class, target, (method, args, call) -> {
			Object result = call.proceed();
			return result instanceof Connection connection ? proxy(Connection.class, connection, this::onConnection)
					: result;
		});
	}

	/**
	 * Runs the action and returns the statements it executed on this thread, in order.
	 */
	public List<Executed> during(Runnable action) {
		var executed = new ArrayList<Executed>();
		recording.set(executed);
		try {
			action.run();
		}
		finally {
			recording.remove();
		}
		return executed;
	}

	private Object onConnection(Method method, Object[] args, Call call) throws Throwable {
		Object result = call.proceed();
		if (result instanceof PreparedStatement prepared && args != null && args[0] instanceof String sql) {
			var parameters = new TreeMap<Integer, Object>();
			return proxy(PreparedStatement.class, prepared, (statementMethod, statementArgs, statementCall) -> {
				String name = statementMethod.getName();
				if (name.startsWith("set") && statementArgs != null && statementArgs.length >= 2
						&& statementArgs[0] instanceof Integer index) {
					parameters.put(index, statementArgs[1]);
				}
				else if (name.startsWith("execute")) {
					record(sql, new ArrayList<>(parameters.values()));
				}
				return statementCall.proceed();
			});
		}
		if (result instanceof Statement statement && !(result instanceof PreparedStatement)) {
			return proxy(Statement.class, statement, (statementMethod, statementArgs, statementCall) -> {
				if (statementMethod.getName().startsWith("execute") && statementArgs != null
						&& statementArgs[0] instanceof String sql) {
					record(sql, List.of());
				}
				return statementCall.proceed();
			});
		}
		return result;
	}

	private void record(String sql, List<Object> parameters) {
		var executed = recording.get();
		if (executed != null) {
			executed.add(new Executed(sql, parameters));
		}
	}

	/** The call to the target, made at most once however often it is asked for. */
	private interface Call {

		Object proceed() throws Throwable;

	}

	private interface Interceptor {

		Object invoke(Method method, Object[] args, Call call) throws Throwable;

	}

	@SuppressWarnings("unchecked")
	private static <T> T proxy(Class<T> type, T target, Interceptor interceptor) {
		InvocationHandler handler = (proxy, method, args) -> interceptor.invoke(method, args, new Call() {

			private boolean done;

			private Object result;

			@Override
			public Object proceed() throws Throwable {
				if (!done) {
					try {
						result = method.invoke(target, args);
					}
					catch (InvocationTargetException ex) {
						throw ex.getCause();
					}
					done = true;
				}
				return result;
			}

		});
		return (T) Proxy.newProxyInstance(StatementCapture.class.getClassLoader(), new Class<?>[] { type }, handler);
	}

}
