package org.minitwit.security;

import java.util.ArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import org.springframework.security.crypto.password.PasswordEncoder;

import static org.assertj.core.api.Assertions.assertThat;

class ConcurrencyLimitedPasswordEncoderTests {

	@Test
	void atMostTheLimitHashAtOnceAndTheRestWaitTheirTurn() throws Exception {
		var release = new CountDownLatch(1);
		var running = new AtomicInteger();
		var mostAtOnce = new AtomicInteger();
		var twoStarted = new CountDownLatch(2);
		PasswordEncoder slow = new PasswordEncoder() {

			@Override
			public String encode(CharSequence raw) {
				mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
				twoStarted.countDown();
				try {
					release.await(30, TimeUnit.SECONDS);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
				running.decrementAndGet();
				return "hash of " + raw;
			}

			@Override
			public boolean matches(CharSequence raw, String encoded) {
				return encode(raw).equals(encoded);
			}

		};
		var limited = new ConcurrencyLimitedPasswordEncoder(slow, 2);
		var threads = Executors.newFixedThreadPool(8);
		try {
			var hashes = new ArrayList<Future<String>>();
			for (int i = 0; i < 8; i++) {
				String password = "password " + i;
				hashes.add(threads.submit(() -> limited.encode(password)));
			}
			assertThat(twoStarted.await(30, TimeUnit.SECONDS)).isTrue();
			// the other six are waiting for a permit, not hashing
			Thread.sleep(200);
			assertThat(running.get()).isEqualTo(2);

			release.countDown();

			for (int i = 0; i < 8; i++) {
				assertThat(hashes.get(i).get(30, TimeUnit.SECONDS)).isEqualTo("hash of password " + i);
			}
			assertThat(mostAtOnce.get()).isEqualTo(2);
			assertThat(limited.matches("password 1", "hash of password 1")).isTrue();
		}
		finally {
			threads.shutdownNow();
		}
	}

}
