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

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * A shared {@link EmnifyTokenStore} cannot reach its server now. The default token
 * provider then keeps a session of the instance's own until the store answers again, and
 * sends no MFA code meanwhile: the other instances may be sending the same one.
 */
public class EmnifyTokenStoreUnavailableException extends RuntimeException {

	private final String server;

	private final Duration retryInterval;

	/**
	 * Create a new instance.
	 * @param server what the store cannot reach, as messages name it, such as
	 * {@code Redis}
	 * @param retryInterval how often the store checks whether its server answers again,
	 * so how long a caller may hold back before it asks again
	 * @param cause the failure of the server's client, if any, whose message must not
	 * hold a secret
	 */
	public EmnifyTokenStoreUnavailableException(String server, Duration retryInterval, @Nullable Throwable cause) {
		super("The emnify token store cannot reach " + server
				+ ((cause != null && cause.getMessage() != null) ? ": " + cause.getMessage() : ""), cause);
		this.server = server;
		this.retryInterval = retryInterval;
	}

	/**
	 * Return what the store cannot reach.
	 * @return the server's name, such as {@code Redis}
	 */
	public String getServer() {
		return this.server;
	}

	/**
	 * Return how often the store checks whether its server answers again.
	 * @return the interval
	 */
	public Duration getRetryInterval() {
		return this.retryInterval;
	}

}
