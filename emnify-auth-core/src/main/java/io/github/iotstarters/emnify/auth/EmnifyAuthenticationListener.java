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

package io.github.iotstarters.emnify.auth;

import java.time.Duration;
import java.util.Locale;

/**
 * Callback for what the token lifecycle does, for metrics and the like. Methods are
 * called on the thread that completed the work, often an event-loop thread, so they must
 * be quick and must not block. An exception thrown by a listener is logged and otherwise
 * ignored: it never fails a login or a request.
 */
public interface EmnifyAuthenticationListener {

	/**
	 * A listener that does nothing.
	 */
	EmnifyAuthenticationListener NONE = new EmnifyAuthenticationListener() {
	};

	/**
	 * Called after each HTTP call to an authenticate endpoint; each retry is a call of
	 * its own.
	 * @param grantType the grant that was sent
	 * @param outcome how the call ended
	 * @param duration how long the call took
	 */
	default void authenticationRequest(EmnifyGrantType grantType, Outcome outcome, Duration duration) {
	}

	/**
	 * Called when a request is replayed with a new token after emnify answered 401.
	 */
	default void replayed() {
	}

	/**
	 * Called when a request to emnify got its permit under one of emnify's rate limits,
	 * or was refused one because it would have waited longer than the wait bound.
	 * @param limit the limit's name: a limit class such as {@code lists}, or
	 * {@code per-ip}
	 * @param waited how long the request waited for the permit (for a refusal, none)
	 * @param permitted whether the request got the permit
	 */
	default void waitedForPermit(String limit, Duration waited, boolean permitted) {
	}

	/**
	 * Called when emnify answered 429 Too Many Requests.
	 * @param limit the name of the request's limit: a limit class such as {@code lists},
	 * or {@code per-ip} for a request in no class
	 * @param resent whether the request is sent again; otherwise the caller gets the 429
	 */
	default void tooManyRequests(String limit, boolean resent) {
	}

	/**
	 * Return a listener that calls the given one and logs, rather than throws, what it
	 * throws, so that a failing listener cannot fail a login or a request: a login that
	 * succeeded but whose listener threw would otherwise be thrown away, and sent again
	 * by the next caller. The starter guards every listener it is given this way.
	 * @param listener the listener to guard
	 * @return the guarded listener
	 */
	static EmnifyAuthenticationListener guarded(EmnifyAuthenticationListener listener) {
		return GuardedListener.of(listener);
	}

	/**
	 * How a call to an authenticate endpoint ended.
	 */
	enum Outcome {

		/**
		 * emnify answered with tokens (or an MFA demand).
		 */
		SUCCESS,

		/**
		 * emnify rejected the request; it is not retried.
		 */
		REJECTED,

		/**
		 * No usable answer: a server error, throttling, a timeout or a broken connection.
		 */
		ERROR;

		/**
		 * Return the outcome as a lower-case identifier, as used in metric tags.
		 * @return the identifier, for example {@code rejected}
		 */
		public String value() {
			return name().toLowerCase(Locale.ROOT);
		}

	}

}
