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

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;

import org.jspecify.annotations.Nullable;

/**
 * The person at the terminal: prompts on the output, answers read line by line from the
 * input, and a password read without echo when there is a console.
 */
final class Terminal {

	private final BufferedReader input;

	private final PrintStream output;

	private final @Nullable Console console;

	Terminal(InputStream input, PrintStream output, @Nullable Console console) {
		this.input = new BufferedReader(new InputStreamReader(input, Charset.defaultCharset()));
		this.output = output;
		this.console = console;
	}

	PrintStream output() {
		return this.output;
	}

	/**
	 * Asks for a line.
	 * @param prompt what to ask
	 * @param what what the answer is, for the error when none comes
	 * @return the answer without surrounding white space, not empty
	 * @throws CliException if the input ends or the answer is empty
	 */
	String ask(String prompt, String what) {
		return required(readLine(prompt), what).strip();
	}

	/**
	 * Asks for a secret, without echo when there is a console, and keeps it as typed.
	 * @param prompt what to ask
	 * @param what what the answer is, for the error when none comes
	 * @return the answer, not empty
	 * @throws CliException if the input ends or the answer is empty
	 */
	String askSecret(String prompt, String what) {
		if (this.console == null) {
			return required(readLine(prompt), what);
		}
		char[] secret = this.console.readPassword("%s", prompt);
		return required((secret != null) ? new String(secret) : null, what);
	}

	void say(String line) {
		this.output.println(line);
		this.output.flush();
	}

	private @Nullable String readLine(String prompt) {
		this.output.print(prompt);
		this.output.flush();
		try {
			return this.input.readLine();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static String required(@Nullable String answer, String what) {
		if (answer == null || answer.isBlank()) {
			throw new CliException("No " + what + " given: run the command again and enter it when asked.");
		}
		return answer;
	}

}
