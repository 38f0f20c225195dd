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
import java.time.Instant;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;

import io.github.iotstarters.emnify.auth.EmnifyRetryAfter;

/**
 * The one rule for a 429 from emnify, shared by {@link EmnifyAuthenticationFilter} and
 * {@link EmnifyAuthenticationInterceptor}: emnify refuses a request with 429 before it
 * processes it, so sending it again is safe for any method.
 * <ol>
 * <li>Only a 429 is sent again; any other status reaches the caller as it came, even with
 * a {@code Retry-After}.</li>
 * <li>Every 429 drains the bucket of the request's limit, so that every other caller, of
 * the whole fleet when the buckets are shared, waits for its next refill too.</li>
 * <li>A request whose body was not recorded in full is not sent again, nor one that was
 * sent again as often as allowed already.</li>
 * <li>A {@code Retry-After} (read as {@link EmnifyRetryAfter#read} reads it) longer than
 * the wait bound hands the 429 on at once: no caller waits longer than the bound, and a
 * re-send before emnify's own time would only be refused again. An unreadable one counts
 * as absent.</li>
 * <li>Otherwise the request is sent again, with the same bytes: after the
 * {@code Retry-After} if there is one, and once it has a new permit.</li>
 * </ol>
 */
final class ResendPolicy {

	private static final Log logger = LogFactory.getLog(ResendPolicy.class);

	private final int maxResends;

	private final Duration maxWait;

	// Read a Retry-After up to this, so that one beyond the bounds is seen as such, never
	// as the bound itself.
	private static final Duration LONGEST_READ = Duration.ofDays(366);

	/**
	 * Create the rule.
	 * @param maxResends how often one request is sent again at most
	 * @param maxWait the longest a request waits, for a {@code Retry-After} too
	 */
	ResendPolicy(int maxResends, Duration maxWait) {
		this.maxResends = maxResends;
		this.maxWait = maxWait;
	}

	/**
	 * Decide what follows an answer from emnify.
	 * @param status the answer's status code
	 * @param bodyRecorded whether the request's body was recorded in full, or it had none
	 * @param resendsSoFar how often this request was sent again already
	 * @param retryAfter the answer's {@code Retry-After}, if any
	 * @param now the current instant, for a {@code Retry-After} that is a date
	 * @return the decision
	 */
	Decision decide(int status, boolean bodyRecorded, int resendsSoFar, @Nullable String retryAfter, Instant now) {
		if (!isTooManyRequests(status)) {
			return Decision.PASS_ON;
		}
		Duration pause = EmnifyRetryAfter.read(retryAfter, now, LONGEST_READ);
		if (!bodyRecorded) {
			logger.debug("emnify answered 429 to a request whose body was not recorded in full (larger than the "
					+ "replay bound, or not completely written); passing the 429 on");
			return Decision.DRAIN_AND_PASS_ON;
		}
		if (resendsSoFar >= this.maxResends) {
			logger.debug("emnify answered 429 to a request sent " + (resendsSoFar + 1) + " times; passing it on");
			return Decision.DRAIN_AND_PASS_ON;
		}
		if (pause != null && pause.compareTo(this.maxWait) > 0) {
			logger.debug("emnify answered 429 with a Retry-After of " + pause + ", longer than the wait bound of "
					+ this.maxWait + "; passing it on");
			return Decision.DRAIN_AND_PASS_ON;
		}
		return new Decision(true, true, pause);
	}

	/**
	 * Whether an answer is emnify's 429, the only one this rule acts on: every other
	 * answer passes on as it came, so a client need not ask {@link #decide} about it.
	 * @param status the status code of the answer
	 * @return whether it refused the request as too many
	 */
	static boolean isTooManyRequests(int status) {
		return status == HttpStatus.TOO_MANY_REQUESTS.value();
	}

	/**
	 * What follows an answer.
	 *
	 * @param resend whether to send the request again, after a new permit
	 * @param drain whether to drain the bucket of the request's limit
	 * @param pause how long to wait before the re-send takes its permit (emnify's
	 * {@code Retry-After}), {@code null} for no more than the permit's own wait
	 */
	record Decision(boolean resend, boolean drain, @Nullable Duration pause) {

		/**
		 * The caller gets the answer, and nothing else happens.
		 */
		static final Decision PASS_ON = new Decision(false, false, null);

		/**
		 * The caller gets the 429, and the bucket of its limit is drained.
		 */
		static final Decision DRAIN_AND_PASS_ON = new Decision(false, true, null);

	}

}
