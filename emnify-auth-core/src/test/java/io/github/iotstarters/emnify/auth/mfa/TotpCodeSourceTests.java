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
import java.util.HexFormat;

import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import io.github.iotstarters.emnify.auth.test.AdjustableClock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class TotpCodeSourceTests {

	// The RFC 6238 SHA-1 key in base32; 12:00:00 starts a 30-second step.
	private static final String SECRET = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

	private static final byte[] KEY = Totp.decodeBase32(SECRET);

	private static final Instant STEP_START = Instant.parse("2026-11-27T12:00:00Z");

	private final AdjustableClock clock = new AdjustableClock(STEP_START.plusSeconds(10));

	private final TotpCodeSource codes = new TotpCodeSource(SECRET, this.clock);

	@Test
	void settingsDigestTellsSecretsApartAndShowsNoneOfThem() {
		assertThat(this.codes.settingsDigest()).hasSize(64)
			.isEqualTo(new TotpCodeSource(SECRET, Clock.systemUTC()).settingsDigest())
			.isNotEqualTo(new TotpCodeSource("JBSWY3DPEHPK3PXPJBSWY3DP", this.clock).settingsDigest())
			.doesNotContain(SECRET)
			.doesNotContainIgnoringCase(HexFormat.of().formatHex(KEY));
	}

	@Test
	void firstCodeIsTheCurrentStepsWithoutWaiting() {
		StepVerifier.create(this.codes.nextCode()).expectNext(code(Totp.step(STEP_START))).verifyComplete();
	}

	@Test
	void aSecondCodeInTheSameStepWaitsForTheNextStep() {
		long step = Totp.step(STEP_START);
		StepVerifier.create(this.codes.nextCode()).expectNext(code(step)).verifyComplete();
		StepVerifier.withVirtualTime(this.codes::nextCode)
			.expectSubscription()
			.expectNoEvent(Duration.ofSeconds(19))
			.thenAwait(Duration.ofSeconds(1))
			.expectNext(code(step + 1))
			.verifyComplete();
	}

	@Test
	void noCodeIsHandedOutInTheLastThreeSecondsOfItsStep() {
		this.clock.set(STEP_START.plusMillis(27_500));
		StepVerifier.withVirtualTime(this.codes::nextCode)
			.expectSubscription()
			.expectNoEvent(Duration.ofMillis(2_400))
			.thenAwait(Duration.ofMillis(100))
			.expectNext(code(Totp.step(STEP_START) + 1))
			.verifyComplete();
	}

	@Test
	void secretMustBeBase32() {
		assertThatIllegalArgumentException().isThrownBy(() -> new TotpCodeSource("not base32!", this.clock));
	}

	@Test
	void toStringShowsNoSecret() {
		assertThat(this.codes.toString()).doesNotContain(SECRET);
	}

	private static String code(long step) {
		return Totp.code(KEY, step, Totp.DIGITS);
	}

}
