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

import java.time.Instant;

import tools.jackson.databind.node.ObjectNode;

import io.github.iotstarters.emnify.auth.test.Accounts.ApplicationAccount;
import io.github.iotstarters.emnify.auth.test.SimulatorEvent.Kind;

/**
 * Logins with an {@code application_token}: an auth token for the token's workspace, no
 * refresh token.
 */
final class ApplicationTokenGrant {

	private final Accounts accounts;

	private final TokenIssuer tokens;

	private final Responses responses;

	ApplicationTokenGrant(Accounts accounts, TokenIssuer tokens, Responses responses) {
		this.accounts = accounts;
		this.tokens = tokens;
		this.responses = responses;
	}

	Outcome authenticate(ObjectNode body, Instant now) {
		String token = Responses.text(body, "application_token");
		ApplicationAccount application = (token != null) ? this.accounts.applicationToken(token) : null;
		if (application == null) {
			return new Outcome(Kind.APPLICATION_TOKEN_LOGIN, Outcome.UNKNOWN_PRINCIPAL, "unknown application token",
					this.responses.emptyUnauthorized());
		}
		String authToken = this.tokens.issueAuthToken(application.workspaceId(), null, application, now);
		return new Outcome(Kind.APPLICATION_TOKEN_LOGIN, application.principal(), "auth token issued",
				this.responses.ok(this.responses.object().put("auth_token", authToken)));
	}

}
