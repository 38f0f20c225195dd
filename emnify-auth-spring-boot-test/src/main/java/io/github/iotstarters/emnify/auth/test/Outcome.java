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

import com.github.tomakehurst.wiremock.http.ResponseDefinition;

import io.github.iotstarters.emnify.auth.test.SimulatorEvent.Kind;

/**
 * The answer to a request together with what the journal records about it.
 *
 * @param kind what the request was
 * @param principal who asked, never a secret
 * @param outcome short description for the journal, never a secret
 * @param response the answer
 */
record Outcome(Kind kind, String principal, String outcome, ResponseDefinition response) {

	static final String UNKNOWN_PRINCIPAL = "-";

	/**
	 * The outcome of a refresh with a refresh token that was presented before.
	 */
	static final String REFRESH_TOKEN_REUSED = "refresh token used before";

}
