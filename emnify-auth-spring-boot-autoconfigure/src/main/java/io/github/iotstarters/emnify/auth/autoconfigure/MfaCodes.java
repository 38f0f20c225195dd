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

import java.util.Locale;

import org.springframework.util.StringUtils;

/**
 * Where a user login takes its MFA codes from, decided in one place for the token
 * provider and the health details: an {@code EmnifyMfaCodeSource} bean of the
 * application's wins over the mailbox and the TOTP secret, which {@link EmnifyProperties}
 * does not let stand together.
 */
enum MfaCodes {

	/**
	 * An {@code EmnifyMfaCodeSource} bean of the application's.
	 */
	CUSTOM,

	/**
	 * Mails read from {@code emnify.mfa.email.host}.
	 */
	EMAIL,

	/**
	 * Codes computed from {@code emnify.mfa.totp-secret}.
	 */
	TOTP,

	/**
	 * No code source: a login that meets an MFA demand fails.
	 */
	NONE;

	static MfaCodes of(EmnifyProperties properties, boolean codeSourceBean) {
		if (codeSourceBean) {
			return CUSTOM;
		}
		if (StringUtils.hasText(properties.getMfa().getEmail().getHost())) {
			return EMAIL;
		}
		return StringUtils.hasText(properties.getMfa().getTotpSecret()) ? TOTP : NONE;
	}

	String value() {
		return name().toLowerCase(Locale.ROOT);
	}

}
