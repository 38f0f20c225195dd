package io.github.iotstarters.emnify.auth;

import org.jspecify.annotations.Nullable;

/**
 * The {@code Authorization} header value of the token last seen, built once per token
 * rather than once per request, for the filter and the interceptor that add it to every
 * request. Callers with another token replace it; each always gets the header of its
 * own token.
 */
final class BearerHeader {

	private volatile @Nullable Value last;

	String valueFor(String token) {
		Value last = this.last;
		if (last == null || !last.token.equals(token)) {
			last = new Value(token, "Bearer " + token);
			this.last = last;
		}
		return last.header;
	}

	/**
	 * A token and its header; no record, so that no {@code toString()} shows them.
	 */
	private static final class Value {

		private final String token;

		private final String header;

		Value(String token, String header) {
			this.token = token;
			this.header = header;
		}

	}

}
