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

import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.github.iotstarters.emnify.auth.mfa.EmnifyMfaCodeSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * What {@link EmnifyFailureAdvice#DEFAULT} advises after a rejection speaks of the
 * credential that was rejected: emnify's lockout is a rule for users, their passwords and
 * MFA codes, not for application tokens or workspace switches.
 */
class RejectionAdviceTests {

	private static final String COOLDOWN = "EmnifyTokenProviderBuilder.rejectedCredentialsCooldown";

	static Stream<Arguments> rejections() {
		return Stream.of(arguments(EmnifyGrantType.APPLICATION_TOKEN, null,
				"Check EmnifyCredentials.applicationToken: the token may be mistyped, revoked or expired. No new "
						+ "login is sent during " + COOLDOWN + "."),
				arguments(EmnifyGrantType.PASSWORD, null,
						"Check the user name and password given to EmnifyCredentials.user (or "
								+ "EmnifyCredentials.userWithPasswordSha1). No new login is sent during " + COOLDOWN
								+ " (emnify locks a user out after three failed logins)."),
				arguments(EmnifyGrantType.MFA, EmnifyMfaCodeSource.Kind.TOTP,
						"The code was computed from the TOTP secret (EmnifyTokenProviderBuilder.mfaTotpSecret): check "
								+ "that it is the secret of the user's active MFA key, and that this machine's clock is "
								+ "right. No new login is sent during " + COOLDOWN
								+ " (emnify locks a user out after three rejected MFA codes or passwords in a row)."),
				arguments(EmnifyGrantType.MFA, EmnifyMfaCodeSource.Kind.CUSTOM,
						"The code came from your EmnifyMfaCodeSource: check where it takes its codes from. No new login "
								+ "is sent during " + COOLDOWN
								+ " (emnify locks a user out after three rejected MFA codes or passwords in a row)."),
				arguments(EmnifyGrantType.WORKSPACE, null,
						"Check the workspace id given to EmnifyUserSession.tokenProvider: the user must be allowed "
								+ "into that workspace. No new switch is sent during " + COOLDOWN + "."),
				// A login follows at once, and its failure is what callers get.
				arguments(EmnifyGrantType.REFRESH_TOKEN, null, ""));
	}

	@ParameterizedTest(name = "{0} {1}")
	@MethodSource("rejections")
	void eachRejectionSpeaksOfTheCredentialItConcerns(EmnifyGrantType grantType,
			EmnifyMfaCodeSource.@Nullable Kind codeSource, String advice) {
		assertThat(EmnifyFailureAdvice.DEFAULT.advise(EmnifyFailureKind.REJECTED, grantType, codeSource))
			.isEqualTo(advice);
	}

}
