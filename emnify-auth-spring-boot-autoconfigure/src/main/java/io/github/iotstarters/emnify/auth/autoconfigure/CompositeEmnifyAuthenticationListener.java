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

package io.github.iotstarters.emnify.auth.autoconfigure;

import java.time.Duration;
import java.util.List;

import io.github.iotstarters.emnify.auth.EmnifyAuthenticationListener;
import io.github.iotstarters.emnify.auth.EmnifyGrantType;

/**
 * Tells every {@link EmnifyAuthenticationListener} bean, in order.
 */
final class CompositeEmnifyAuthenticationListener implements EmnifyAuthenticationListener {

	private final List<EmnifyAuthenticationListener> listeners;

	CompositeEmnifyAuthenticationListener(List<EmnifyAuthenticationListener> listeners) {
		this.listeners = listeners;
	}

	@Override
	public void authenticationRequest(EmnifyGrantType grantType, Outcome outcome, Duration duration) {
		this.listeners.forEach((listener) -> listener.authenticationRequest(grantType, outcome, duration));
	}

	@Override
	public void replayed() {
		this.listeners.forEach(EmnifyAuthenticationListener::replayed);
	}

}
