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
 * second login within one 30-second step waits for the next step.
 */
final class TotpCodeSource implements EmnifyMfaCodeSource {

	private final byte[] key;

	private final Clock clock;

	private final AtomicLong lastUsedStep = new AtomicLong(Long.MIN_VALUE);

	TotpCodeSource(String base32Secret, Clock clock) {
		this.key = Totp.decodeBase32(base32Secret);
		this.clock = clock;
	}

	@Override
	public Mono<String> nextCode() {
		return Mono.defer(() -> {
			Instant now = this.clock.instant();
			long current = Totp.step(now);
			long step = this.lastUsedStep.updateAndGet((last) -> Math.max(current, last + 1));
			String code = Totp.code(this.key, step, Totp.DIGITS);
			if (step == current) {
				return Mono.just(code);
			}
			Duration untilStep = Duration.between(now, Instant.ofEpochSecond(step * Totp.STEP_SECONDS));
			return Mono.delay(untilStep).thenReturn(code);
		});
	}

	@Override
	public String toString() {
		return "TotpCodeSource[secret=******]";
	}

}
