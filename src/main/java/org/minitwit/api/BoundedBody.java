package org.minitwit.api;

import java.io.IOException;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;

/**
 * A request body read no further than {@link #MAX_BYTES}: the API's bodies are a few
 * short strings, and a body sent without a length (chunked) must not be read into memory
 * whole. Past the limit, reading fails, which the message converter answers with 400.
 */
class BoundedBody extends HttpServletRequestWrapper {

	static final int MAX_BYTES = 64 * 1024;

	private ServletInputStream bounded;

	BoundedBody(HttpServletRequest request) {
		super(request);
	}

	@Override
	public ServletInputStream getInputStream() throws IOException {
		if (bounded == null) {
			bounded = new Bounded(super.getInputStream());
		}
		return bounded;
	}

	private static final class Bounded extends ServletInputStream {

		private final ServletInputStream body;

		private long read;

		Bounded(ServletInputStream body) {
			this.body = body;
		}

		@Override
		public int read() throws IOException {
			int b = body.read();
			count(b < 0 ? 0 : 1);
			return b;
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			int n = body.read(buffer, offset, length);
			count(Math.max(n, 0));
			return n;
		}

		private void count(int bytes) throws IOException {
			read += bytes;
			if (read > MAX_BYTES) {
				throw new IOException("The request body is over " + MAX_BYTES + " bytes");
			}
		}

		@Override
		public boolean isFinished() {
			return body.isFinished();
		}

		@Override
		public boolean isReady() {
			return body.isReady();
		}

		@Override
		public void setReadListener(ReadListener listener) {
			body.setReadListener(listener);
		}

	}

}
