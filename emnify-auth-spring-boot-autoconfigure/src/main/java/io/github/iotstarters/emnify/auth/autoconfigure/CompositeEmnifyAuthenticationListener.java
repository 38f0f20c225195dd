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
