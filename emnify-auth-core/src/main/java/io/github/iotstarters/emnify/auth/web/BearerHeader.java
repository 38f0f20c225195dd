/*
 * Copyright 2026-present the original author or authors.
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *      https://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */

package io.github.iotstarters.emnify.auth.web;

import org.jspecify.annotations.Nullable;

/**
 * The {@code Authorization} header value of the token last seen, built once per token
 * rather than once per request, for the filter and the interceptor that add it to every
 * request. Callers with another token replace it; each always gets the header of its own
 * token.
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
