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

package io.github.iotstarters.emnify.auth.test;

import org.jspecify.annotations.Nullable;

/**
 * Credential for the client under test: an application token, or a username with its
 * clear-text password and, for a user with email MFA, the mailbox of the codes.
 *
 * @param applicationToken the application token, or {@code null} for a user
 * @param username the username, or {@code null} for an application token
 * @param password the user's clear-text password, or {@code null} for an application
 * token
 * @param mailbox the mailbox the user's MFA codes are mailed to, or {@code null} for an
 * application token or a user without MFA
 */
record DefaultCredential(@Nullable String applicationToken, @Nullable String username, @Nullable String password,
		@Nullable LocalMailbox mailbox) {

	@Override
	public String toString() {
		return (this.username != null) ? "DefaultCredential[username=" + this.username + "]"
				: "DefaultCredential[application token]";
	}

}
