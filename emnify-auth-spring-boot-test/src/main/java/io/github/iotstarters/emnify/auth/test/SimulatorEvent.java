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

/**
 * One request the simulator answered, as recorded in its journal. Holds no secret: no
 * password, hash, token or code, only who asked and what came of it.
 *
 * @param time when the request was answered, by the simulator's clock
 * @param kind what the request was
 * @param principal username, {@code application-token-<id>}, or {@code -} when unknown
 * @param status HTTP status of the answer; {@code 0} for a fault without status, such as
 * a connection reset
 * @param outcome short human-readable description, such as {@code tokens issued} or
 * {@code wrong password}
 */
public record SimulatorEvent(Instant time, Kind kind, String principal, int status, String outcome) {

	/**
	 * What a request was.
	 */
	public enum Kind {

		/**
		 * {@code POST /api/v1/authenticate} with an application token.
		 */
		APPLICATION_TOKEN_LOGIN,

		/**
		 * {@code POST /api/v1/authenticate} with username and password, answered with
		 * tokens or rejected.
		 */
		PASSWORD_LOGIN,

		/**
		 * {@code POST /api/v1/authenticate} with username and password, answered with an
		 * {@code mfa_token}.
		 */
		MFA_CHALLENGE,

		/**
		 * {@code POST /api/v1/authenticate} with an {@code mfa_token} and a code.
		 */
		MFA_LOGIN,

		/**
		 * {@code POST /api/v1/authenticate} with a refresh token.
		 */
		REFRESH,

		/**
		 * {@code POST /api/v1/authenticate} with a body that is no known grant.
		 */
		INVALID_AUTHENTICATION,

		/**
		 * {@code POST /api/v1/authenticate/workspace}.
		 */
		WORKSPACE_SWITCH,

		/**
		 * Any other API request, such as {@code GET /api/v1/sim}.
		 */
		API_REQUEST,

		/**
		 * {@code POST /api/v1/sim/migration/workspace}.
		 */
		SIM_MIGRATION,

		/**
		 * A request answered by a fault switched on through {@link SimulatorFaults}.
		 */
		FAULT

	}

}
