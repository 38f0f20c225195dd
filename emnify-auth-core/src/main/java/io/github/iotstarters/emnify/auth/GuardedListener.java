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

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Calls a listener so that its failures cannot fail a login or a request: a login that
 * succeeded but whose listener threw would otherwise be thrown away, and sent again by
 * the next caller.
 */
final class GuardedListener implements EmnifyAuthenticationListener {

	private static final Log logger = LogFactory.getLog(GuardedListener.class);

	private final EmnifyAuthenticationListener delegate;

	private GuardedListener(EmnifyAuthenticationListener delegate) {
		this.delegate = delegate;
	}

	static EmnifyAuthenticationListener of(EmnifyAuthenticationListener listener) {
		return (listener instanceof GuardedListener || listener == NONE) ? listener : new GuardedListener(listener);
	}

	@Override
	public void authenticationRequest(EmnifyGrantType grantType, Outcome outcome, Duration duration) {
		guard(() -> this.delegate.authenticationRequest(grantType, outcome, duration), "the login");
	}

	@Override
	public void replayed() {
		guard(this.delegate::replayed, "the request");
	}

	@Override
	public void waitedForPermit(String limit, Duration waited, boolean permitted) {
		guard(() -> this.delegate.waitedForPermit(limit, waited, permitted), "the request");
	}

	@Override
	public void tooManyRequests(String limit, boolean resent) {
		guard(() -> this.delegate.tooManyRequests(limit, resent), "the request");
	}

	private static void guard(Runnable call, String whatGoesOn) {
		try {
			call.run();
		}
		catch (RuntimeException ex) {
			logger.warn("EmnifyAuthenticationListener failed; " + whatGoesOn + " goes on", ex);
		}
	}

}
