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

package io.github.iotstarters.emnify.auth.cli;

/**
 * Ends a command with a one-line message for the person at the terminal.
 */
final class CliException extends RuntimeException {

	private final String answer;

	private final String problem;

	private final boolean outcomeUnknown;

	CliException(String answer) {
		super(answer, null, false, false);
		this.answer = answer;
		this.problem = answer;
		this.outcomeUnknown = false;
	}

	/**
	 * Create the exception for a request to emnify that failed.
	 * @param problem what went wrong, without advice
	 * @param advice what the person should do
	 * @param outcomeUnknown whether emnify may have carried out the request all the same
	 * (its answer was lost, or was a server error)
	 */
	CliException(String problem, String advice, boolean outcomeUnknown) {
		super(problem + ": " + advice, null, false, false);
		this.answer = problem + ": " + advice;
		this.problem = problem;
		this.outcomeUnknown = outcomeUnknown;
	}

	String answer() {
		return this.answer;
	}

	String problem() {
		return this.problem;
	}

	boolean outcomeUnknown() {
		return this.outcomeUnknown;
	}

}
