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

import org.springframework.http.HttpStatusCode;

/**
 * Whether a step that failed is sent again at once, the one rule for every grant, so that
 * a retry never spends a single-use step twice or adds a failed login that emnify counts
 * towards its lock.
 */
final class SendAgainRule {

	private SendAgainRule() {
	}

	/**
	 * Decide whether a step that failed may be sent again at once. A rejection never is.
	 * A single-use step, an MFA code or a refresh token, is sent again only when emnify
	 * {@linkplain #wasNotServed provably did not serve it}: a code checked twice counts
	 * twice towards emnify's lock, or is rejected as used, and a refresh token presented
	 * twice is refused and may end the session. A password step is sent again unless
	 * emnify may have checked it and counted a wrong password (the provider counts such a
	 * step). An application token login and a workspace switch may always be sent again.
	 * @param grantType the step that failed
	 * @param failure its failure
	 * @return whether the step may be sent again at once
	 */
	static boolean maySendAgain(EmnifyGrantType grantType, EmnifyAuthenticationException failure) {
		if (failure.isRejected()) {
			return false;
		}
		return switch (grantType) {
			case MFA, REFRESH_TOKEN -> wasNotServed(failure);
			case PASSWORD -> !failure.mayHaveBeenChecked();
			case APPLICATION_TOKEN, WORKSPACE -> true;
		};
	}

	/**
	 * Return whether emnify provably did not serve the request that failed: it answered
	 * that it could not (429, 503), or the connection never opened. A timeout, a broken
	 * connection, an unreadable answer or any other server error may have followed
	 * emnify's work.
	 * @param failure the failure of a request to emnify
	 * @return whether emnify did not serve it
	 */
	static boolean wasNotServed(EmnifyAuthenticationException failure) {
		HttpStatusCode status = failure.getStatusCode();
		if (status != null) {
			return status.value() == 429 || status.value() == 503;
		}
		return !failure.isUnanswered();
	}

}
