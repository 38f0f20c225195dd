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

import java.time.Instant;

/**
 * The starter's RFC 6238 codes for tests outside this package, which compute the codes a
 * login must send.
 */
public final class TotpCodes {

	private TotpCodes() {
	}

	/**
	 * Return the number of the 30-second step that contains the given instant.
	 * @param instant the instant
	 * @return the step
	 */
	public static long step(Instant instant) {
		return Totp.step(instant);
	}

	/**
	 * Return the six-digit code of a step.
	 * @param base32Secret the secret of the MFA key
	 * @param step the step
	 * @return the code
	 */
	public static String code(String base32Secret, long step) {
		return Totp.code(Totp.decodeBase32(base32Secret), step, Totp.DIGITS);
	}

}
