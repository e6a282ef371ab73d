package org.minitwit.support;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Two actions on two threads, released at the same moment, as two instances or two
 * browser tabs would send them. Run it outside a test transaction, so each action commits
 * on its own connection.
 */
public final class Race {

	private Race() {
	}

	/**
	 * @return both results, in the order of the actions; an action's exception is
	 * rethrown
	 */
	public static <T> List<T> of(Callable<T> first, Callable<T> second) throws Exception {
		var start = new CyclicBarrier(2);
		var threads = Executors.newFixedThreadPool(2);
		try {
			var one = threads.submit(atOnce(start, first));
			var other = threads.submit(atOnce(start, second));
			return Arrays.asList(one.get(30, TimeUnit.SECONDS), other.get(30, TimeUnit.SECONDS));
		}
		catch (ExecutionException ex) {
			throw ex.getCause() instanceof Exception cause ? cause : ex;
		}
		finally {
			threads.shutdownNow();
		}
	}

	public static void run(Runnable first, Runnable second) throws Exception {
		of(Executors.callable(first), Executors.callable(second));
	}

	private static <T> Callable<T> atOnce(CyclicBarrier start, Callable<T> action) {
		return () -> {
			start.await(10, TimeUnit.SECONDS);
			return action.call();
		};
	}

}
