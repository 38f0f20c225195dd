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

import java.time.Duration;

import io.github.iotstarters.emnify.auth.EmnifyFailureAdvice;
import io.github.iotstarters.emnify.auth.EmnifyFailureKind;
import io.github.iotstarters.emnify.auth.web.EmnifyRateLimits.Limit;

/**
 * A request to emnify that was not sent, because one of emnify's rate limits would have
 * held it for longer than the wait bound ({@link EmnifyRateLimits#maxWait()}). Nothing
 * went to emnify and no permit was spent; the request may be sent again later. Its
 * message names the limit with its figures, the request, the wait and the bound, and
 * advises as {@link EmnifyFailureKind#RATE_LIMIT_WAIT} does.
 */
public class EmnifyRateLimitException extends RuntimeException {

	private final String limitName;

	private final Duration expectedWait;

	private final Duration maxWait;

	/**
	 * Create the exception for a request that was not sent.
	 * @param limit the limit that would have held the request
	 * @param request the request's method and path, without its query
	 * @param expectedWait how long the limit would have held it
	 * @param maxWait the wait bound
	 * @param advice the advice of the configuration's vocabulary
	 */
	EmnifyRateLimitException(Limit limit, String request, Duration expectedWait, Duration maxWait,
			EmnifyFailureAdvice advice) {
		super("emnify's rate limit '" + limit.name() + "' (" + limit.figures() + ", "
				+ (EmnifyRateLimits.PER_IP.equals(limit.name()) ? "per IP address" : "per organisation")
				+ ") would hold this " + request + " for " + expectedWait + ", longer than the wait bound of " + maxWait
				+ "; the request was not sent. " + advice.advise(EmnifyFailureKind.RATE_LIMIT_WAIT, null, null));
		this.limitName = limit.name();
		this.expectedWait = expectedWait;
		this.maxWait = maxWait;
	}

	/**
	 * Return the name of the limit that would have held the request: a limit class, or
	 * {@link EmnifyRateLimits#PER_IP}.
	 * @return the name
	 */
	public String getLimitName() {
		return this.limitName;
	}

	/**
	 * Return how long the limit would have held the request when it was refused.
	 * @return the wait
	 */
	public Duration getExpectedWait() {
		return this.expectedWait;
	}

	/**
	 * Return the wait bound that the request would have outlasted.
	 * @return the bound
	 */
	public Duration getMaxWait() {
		return this.maxWait;
	}

}
