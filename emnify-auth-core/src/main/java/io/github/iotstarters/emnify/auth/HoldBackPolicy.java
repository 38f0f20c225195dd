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
 * "No login until T", in one place: how long the default token provider holds back its
 * next renewal after a failed one, so that neither an outage nor a path that always
 * answers 401 spends emnify's 100 logins per 5 minutes, and a rejection does not walk
 * into emnify's lockout.
 * <ul>
 * <li>A hold-back that another instance stored with the failure, through a shared store,
 * holds here as it is.</li>
 * <li>After a rejection: the rejected-credentials cooldown, or emnify's lock if it lasts
 * longer.</li>
 * <li>After transient failures: the longest retry delay, doubling with each further
 * failed renewal in a row up to the longest pause, or emnify's {@code Retry-After} if it
 * asked for longer, never more than the longest pause.</li>
 * </ul>
 * A {@code Retry-After} longer than the longest retry delay ends a renewal's retries at
 * once: callers are not held that long, and the hold-back keeps the next login back
 * instead.
 *
 * @param rejectedCredentialsCooldown how long no login follows a rejection
 * @param retryMaxDelay the longest delay between retries, and so the pause after the
 * first renewal that spent its retries on transient failures
 * @param maxPause the longest pause after transient failures, and the cap of any
 * {@code Retry-After}
 */
record HoldBackPolicy(Duration rejectedCredentialsCooldown, Duration retryMaxDelay, Duration maxPause) {

	/**
	 * Return how long no login follows a failed renewal.
	 * @param failure how the renewal failed
	 * @param transientFailuresBefore the renewals that failed transiently in a row before
	 * this one
	 * @return the hold-back, zero for none
	 */
	Duration holdBack(EmnifyAuthenticationException failure, int transientFailuresBefore) {
		Duration shared = failure.getSharedHoldBack();
		if (shared != null) {
			return shared;
		}
		if (failure.isRejected()) {
			// emnify's lock lasts as long as it says, whatever the cooldown.
			Duration lock = failure.getRetryAfter();
			return (lock != null && lock.compareTo(this.rejectedCredentialsCooldown) > 0) ? lock
					: this.rejectedCredentialsCooldown;
		}
		return afterTransientFailures(transientFailuresBefore + 1, failure.getRetryAfter());
	}

	/**
	 * Return whether a failure counts as transient, towards the doubling pause.
	 * @param failure how a renewal failed
	 * @return whether the next transient failure pauses longer
	 */
	static boolean isTransient(EmnifyAuthenticationException failure) {
		return !failure.isRejected() && failure.getSharedHoldBack() == null;
	}

	/**
	 * Return whether a {@code Retry-After} ends a renewal's retries: callers are not held
	 * longer than the longest retry delay.
	 * @param retryAfter the pause emnify asked for
	 * @return whether to stop retrying and hold back instead
	 */
	boolean endsRetries(Duration retryAfter) {
		return retryAfter.compareTo(this.retryMaxDelay) > 0;
	}

	/**
	 * Read a {@code Retry-After} value as a pause of at most the longest pause
	 * ({@link EmnifyRetryAfter#read}).
	 * @param value the header value, if any
	 * @param now the current instant
	 * @return the pause, or {@code null} when there is none or it cannot be read
	 */
	@Nullable Duration retryAfter(@Nullable String value, Instant now) {
		return EmnifyRetryAfter.read(value, now, this.maxPause);
	}

	private Duration afterTransientFailures(int consecutiveFailures, @Nullable Duration retryAfter) {
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

}
