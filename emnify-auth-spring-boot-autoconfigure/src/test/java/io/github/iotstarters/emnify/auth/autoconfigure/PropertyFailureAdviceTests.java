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

package io.github.iotstarters.emnify.auth.autoconfigure;

import java.util.Arrays;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.github.iotstarters.emnify.auth.EmnifyFailureAdvice;
import io.github.iotstarters.emnify.auth.EmnifyFailureKind;
import io.github.iotstarters.emnify.auth.EmnifyGrantType;
import io.github.iotstarters.emnify.auth.mfa.EmnifyMfaCodeSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * One text, two vocabularies: whatever the failure, the properties' advice names no
 * builder and the builders' advice names no property.
 */
class PropertyFailureAdviceTests {

	private static final Pattern BUILDER_NAME = Pattern
		.compile("EmnifyTokenProviderBuilder|EmnifyTokenProvider\\.builder|EmnifyCredentials|EmnifyUserSession"
				+ "|RedisEmnifyTokenStore|EmnifyMfaEmailSettings|EmnifyMfaCodeSource\\.email|EmnifyRateLimits|RedisEmnifyRateLimitBuckets");

	private static final Pattern PROPERTY_NAME = Pattern.compile("(?<![\\w.])(?:emnify|spring)\\.[a-z]");

	static Stream<Arguments> failures() {
		EmnifyGrantType[] grantTypes = Arrays.copyOf(EmnifyGrantType.values(), EmnifyGrantType.values().length + 1);
		EmnifyMfaCodeSource.Kind[] codeSources = Arrays.copyOf(EmnifyMfaCodeSource.Kind.values(),
				EmnifyMfaCodeSource.Kind.values().length + 1);
		return Arrays.stream(EmnifyFailureKind.values())
			.flatMap((kind) -> Arrays.stream(grantTypes)
				.flatMap((grantType) -> Arrays.stream(codeSources)
					.map((codeSource) -> arguments(kind, grantType, codeSource))));
	}

	@ParameterizedTest(name = "{0}, {1}, {2}")
	@MethodSource("failures")
	void eachVocabularyNamesOnlyItsOwnSettings(EmnifyFailureKind kind, @Nullable EmnifyGrantType grantType,
			EmnifyMfaCodeSource.@Nullable Kind codeSource) {
		assertThat(PropertyFailureAdvice.INSTANCE.advise(kind, grantType, codeSource))
			.doesNotContainPattern(BUILDER_NAME);
		assertThat(EmnifyFailureAdvice.DEFAULT.advise(kind, grantType, codeSource))
			.doesNotContainPattern(PROPERTY_NAME);
	}

	@ParameterizedTest
	@MethodSource("settings")
	void eachSettingHasANameInEachVocabulary(EmnifyFailureAdvice.Setting setting) {
		assertThat(PropertyFailureAdvice.INSTANCE.settingName(setting)).doesNotContainPattern(BUILDER_NAME)
			.isNotEqualTo(EmnifyFailureAdvice.DEFAULT.settingName(setting));
		assertThat(EmnifyFailureAdvice.DEFAULT.settingName(setting)).doesNotContainPattern(PROPERTY_NAME);
	}

	@Test
	void aRequestHeldTooLongByTheRateLimitsNamesTheWaitBoundProperty() {
		assertThat(PropertyFailureAdvice.INSTANCE.advise(EmnifyFailureKind.RATE_LIMIT_WAIT, null, null))
			.isEqualTo("Raise emnify.rate-limit.max-wait, lower the number of callers that call emnify at the same "
					+ "time, or spread the job over a longer time.");
	}

	static Stream<EmnifyFailureAdvice.Setting> settings() {
		return Arrays.stream(EmnifyFailureAdvice.Setting.values());
	}

}
