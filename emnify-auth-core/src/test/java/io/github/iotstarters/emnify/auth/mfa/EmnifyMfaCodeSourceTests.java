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

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;

class EmnifyMfaCodeSourceTests {

	@Test
	void aLambdasSettingsDigestIsItsDeclaringClassWhichStaysTheSameFromRunToRun() {
		EmnifyMfaCodeSource lambda = () -> Mono.just("123456");
		assertThat(lambda.getClass().getName()).contains("$$Lambda");
		assertThat(lambda.settingsDigest()).isEqualTo(EmnifyMfaCodeSourceTests.class.getName());
	}

	@Test
	void aClassesSettingsDigestIsItsName() {
		assertThat(new FixedCodes().settingsDigest()).isEqualTo(FixedCodes.class.getName());
	}

	static class FixedCodes implements EmnifyMfaCodeSource {

		@Override
		public Mono<String> nextCode() {
			return Mono.just("123456");
		}

	}

}
