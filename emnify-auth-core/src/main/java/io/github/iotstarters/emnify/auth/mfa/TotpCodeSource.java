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

package io.github.iotstarters.emnify.auth.mfa;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

import reactor.core.publisher.Mono;

/**
 * {@link EmnifyMfaCodeSource} that computes RFC 6238 codes from the MFA key's secret.
 * emnify rejects a code that was used before, so each code is of a step not used yet: a
 * second login within one 30-second step waits for the next step. No code is handed out
 * in the last 3 seconds of its step, so that clock drift and latency do not turn into a
 * rejected code: the next step's is, once it begins.
 */
final class TotpCodeSource implements EmnifyMfaCodeSource {

	private static final Duration END_OF_STEP_MARGIN = Duration.ofSeconds(3);

	private final byte[] key;

	private final Clock clock;

	private final AtomicLong lastUsedStep = new AtomicLong(Long.MIN_VALUE);

	TotpCodeSource(String base32Secret, Clock clock) {
		this.key = Totp.decodeBase32(base32Secret);
		this.clock = clock;
	}

	@Override
	public String settingsDigest() {
		return Digests.sha256(this.key);
	}

	@Override
	public Kind kind() {
		return Kind.TOTP;
	}

	@Override
	public Mono<String> nextCode() {
		return Mono.defer(() -> {
			Instant now = this.clock.instant();
			// A code from the last seconds of its step may expire on its way to emnify,
			// and a rejected code counts towards emnify's lock: take the next step's.
			long earliest = Totp.step(now.plus(END_OF_STEP_MARGIN));
			long step = this.lastUsedStep.updateAndGet((last) -> Math.max(earliest, last + 1));
			String code = Totp.code(this.key, step, Totp.DIGITS);
			Instant stepStart = Instant.ofEpochSecond(step * Totp.STEP_SECONDS);
			if (!stepStart.isAfter(now)) {
				return Mono.just(code);
			}
			return Mono.delay(Duration.between(now, stepStart)).thenReturn(code);
		});
	}

	@Override
	public String toString() {
		return "TotpCodeSource[secret=******]";
	}

}
