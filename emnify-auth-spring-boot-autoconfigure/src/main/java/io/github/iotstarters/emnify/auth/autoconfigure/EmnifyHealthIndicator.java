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

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.health.contributor.AbstractReactiveHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import reactor.core.publisher.Mono;

import io.github.iotstarters.emnify.auth.EmnifyAuthenticationException;
import io.github.iotstarters.emnify.auth.EmnifyTokenProvider;
import io.github.iotstarters.emnify.auth.EmnifyTokenStatus;
import io.github.iotstarters.emnify.auth.EmnifyTokenStore;
import io.github.iotstarters.emnify.auth.EmnifyTokenStoreStatus;

/**
 * Health of the emnify session, read from the token provider without ever sending a
 * request: a probe every few seconds can never spend emnify's rate limit or lock the
 * account. DOWN while rejected credentials are in their cooldown (and, after two rejected
 * logins in a row, until the application restarts), UP while a valid token is held,
 * UNKNOWN before the first use. The token store's type, and whether it shares the session
 * right now, are a detail. No secret in its details.
 */
final class EmnifyHealthIndicator extends AbstractReactiveHealthIndicator {

	private final EmnifyTokenProvider tokenProvider;

	private final @Nullable EmnifyTokenStore tokenStore;

	private final Clock clock;

	private final @Nullable Map<String, Object> mfa;

	EmnifyHealthIndicator(EmnifyTokenProvider tokenProvider, @Nullable EmnifyTokenStore tokenStore, Clock clock,
			@Nullable Map<String, Object> mfa) {
		super("emnify health check failed");
		this.tokenProvider = tokenProvider;
		this.tokenStore = tokenStore;
		this.clock = clock;
		this.mfa = mfa;
	}

	@Override
	protected Mono<Health> doHealthCheck(Health.Builder builder) {
		EmnifyTokenStatus status = this.tokenProvider.status();
		EmnifyAuthenticationException failure = status.failure();
		Instant expiresAt = status.expiresAt();
		// Rejected credentials, or a failure counted with rejected logins (a stop after a
		// step emnify left unanswered): neither heals by itself.
		if (failure != null && (failure.isRejected() || failure.getRejectedLoginsInARow() > 0)) {
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
			builder.withDetail("error", String.valueOf(failure.getMessage()));
			// A token provider of the application's own may report a failure without an
			// end.
			Instant noLoginBefore = status.failureUntil();
			if (noLoginBefore != null) {
				builder.withDetail("noLoginBefore", noLoginBefore);
			}
			if (failure.getStatusCode() != null) {
				builder.withDetail("status", failure.getStatusCode().value());
			}
			if (failure.getErrorToken() != null) {
				builder.withDetail("errorToken", failure.getErrorToken());
			}
		}
		if (this.mfa != null) {
			builder.withDetail("mfa", this.mfa);
		}
		if (this.tokenStore != null) {
			// A shared store that fell back to memory is shown, not DOWN: the instance
			// works on with a session of its own, or, for a user whose logins need an MFA
			// code, with the token it holds until it is stale.
			builder.withDetail("tokenStore", tokenStore(this.tokenStore.status()));
		}
		return Mono.just(builder.build());
	}

	private static Map<String, Object> tokenStore(EmnifyTokenStoreStatus status) {
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("type", status.type());
		details.put("shared", status.shared());
		if (status.unavailableSince() != null) {
			details.put("unavailableSince", status.unavailableSince());
		}
		if (status.error() != null) {
			details.put("error", status.error());
		}
		return details;
	}

}
