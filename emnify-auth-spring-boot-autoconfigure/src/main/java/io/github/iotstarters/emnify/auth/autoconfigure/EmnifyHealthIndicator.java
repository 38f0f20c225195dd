package io.github.iotstarters.emnify.auth.autoconfigure;

import java.time.Clock;
import java.time.Instant;

import reactor.core.publisher.Mono;

import org.springframework.boot.health.contributor.AbstractReactiveHealthIndicator;
import org.springframework.boot.health.contributor.Health;

import io.github.iotstarters.emnify.auth.EmnifyAuthenticationException;
import io.github.iotstarters.emnify.auth.EmnifyTokenProvider;
import io.github.iotstarters.emnify.auth.EmnifyTokenStatus;

/**
 * Health of the emnify session, read from the token provider without ever sending a
 * request: a probe every few seconds can never spend emnify's rate limit or lock the
 * account. DOWN while rejected credentials are in their cooldown, UP while a valid token
 * is held, UNKNOWN before the first use. No secret in its details.
 */
final class EmnifyHealthIndicator extends AbstractReactiveHealthIndicator {

	private final EmnifyTokenProvider tokenProvider;

	private final Clock clock;

	EmnifyHealthIndicator(EmnifyTokenProvider tokenProvider, Clock clock) {
		super("emnify health check failed");
		this.tokenProvider = tokenProvider;
		this.clock = clock;
	}

	@Override
	protected Mono<Health> doHealthCheck(Health.Builder builder) {
		EmnifyTokenStatus status = this.tokenProvider.status();
		EmnifyAuthenticationException failure = status.failure();
		Instant expiresAt = status.expiresAt();
		if (failure != null && failure.isRejected()) {
			builder.down();
		}
		else if (expiresAt != null && expiresAt.isAfter(this.clock.instant())) {
			builder.up().withDetail("tokenExpiresAt", expiresAt);
		}
		else {
			builder.unknown()
				.withDetail("reason", (failure != null) ? "No valid token held; no login is sent before noLoginBefore"
						: "No valid token held; the next request to emnify logs in");
		}
		if (failure != null) {
			// A transient failure (emnify unreachable, throttling) is shown but does not
			// make the application DOWN: it heals by itself.
			builder.withDetail("error", failure.getMessage()).withDetail("noLoginBefore", status.failureUntil());
			if (failure.getStatusCode() != null) {
				builder.withDetail("status", failure.getStatusCode().value());
			}
			if (failure.getErrorToken() != null) {
				builder.withDetail("errorToken", failure.getErrorToken());
			}
		}
		return Mono.just(builder.build());
	}

}
