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

/**
 * Ends the handling of a request early with an error answer; the handler that catches it
 * knows what kind of request it was and who asked.
 */
final class Rejection extends RuntimeException {

	private final String reason;

	private final transient ResponseDefinition response;

	Rejection(String reason, ResponseDefinition response) {
		super(reason, null, false, false);
		this.reason = reason;
		this.response = response;
	}

	Outcome toOutcome(SimulatorEvent.Kind kind, String principal) {
		return new Outcome(kind, principal, this.reason, this.response);
	}

}
