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
import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * How sparingly the default token provider renews when emnify does not give it a usable
 * token, so that neither an outage nor a path that always answers 401 spends emnify's 100
 * logins per 5 minutes, and a rejection does not walk into emnify's lockout.
 *
 * @param rejectedCredentialsCooldown how long no login follows a rejection
 * @param retryMaxDelay the longest delay between retries
 * ({@link EmnifyTokenProviderBuilder#retryMaxDelay}), and so the pause after the first
 * renewal that spent its retries on transient failures; it doubles with each further
 * consecutive failed renewal
 * @param maxPause the longest pause after transient failures, and the cap of any
 * {@code Retry-After}
 * @param unauthorizedRenewalInterval how long a token obtained after a 401 is kept when
 * it is answered 401 too
 */
record RenewalLimits(Duration rejectedCredentialsCooldown, Duration retryMaxDelay, Duration maxPause,
		Duration unauthorizedRenewalInterval) {

	/**
	 * Return the pause after a renewal that failed transiently.
	 * @param consecutiveFailures the failed renewals in a row, this one included
	 * @param retryAfter how long emnify asked to wait, already capped, if it did
	 */
	Duration afterTransientFailures(int consecutiveFailures, @Nullable Duration retryAfter) {
		Duration pause = this.retryMaxDelay;
		for (int i = 1; i < consecutiveFailures && pause.compareTo(this.maxPause) < 0; i++) {
			// Halving the cap rather than doubling the pause cannot overflow.
			pause = (pause.compareTo(this.maxPause.dividedBy(2)) > 0) ? this.maxPause : pause.multipliedBy(2);
		}
		if (retryAfter != null && retryAfter.compareTo(pause) > 0) {
			pause = retryAfter;
		}
		return (pause.compareTo(this.maxPause) > 0) ? this.maxPause : pause;
	}

	/**
	 * Return whether a token obtained to replace a token emnify answered 401 to is still
	 * kept when it is answered 401 too.
	 * @param replacedRejectedTokenAt when the token was obtained
	 * @param now the current instant
	 */
	boolean keepsReplacement(Instant replacedRejectedTokenAt, Instant now) {
		return now.isBefore(replacedRejectedTokenAt.plus(this.unauthorizedRenewalInterval));
	}

}
