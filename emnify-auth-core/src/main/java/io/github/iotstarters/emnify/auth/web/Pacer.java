/*
 * Copyright 2026 the original author or authors.
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

package io.github.iotstarters.emnify.auth.web;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpMethod;
import reactor.core.publisher.Mono;

import io.github.iotstarters.emnify.auth.EmnifyAuthenticationListener;
import io.github.iotstarters.emnify.auth.EmnifyTokenClaims;
import io.github.iotstarters.emnify.auth.web.EmnifyRateLimits.Limit;
import io.github.iotstarters.emnify.auth.web.ResendPolicy.Decision;

/**
 * Keeps the requests of one filter or interceptor within emnify's rate limits, on buckets
 * that other clients, and a fleet, may share: a permit from the bucket of the request's
 * limit class and one from the bucket per IP address before each send, and after a 429
 * the {@link ResendPolicy one rule} with the drain it asks for. The filter and the
 * interceptor carry out the waits, each on its kind of thread.
 * <p>
 * A class bucket counts per organisation (the auth token's {@code esc.org} claim; one
 * bucket for the origin while a token does not say), the per-IP bucket per origin, or per
 * instance when the instances do not share an address. Only requests to emnify's origin
 * are paced, never the login.
 */
final class Pacer {

	private static final Log logger = LogFactory.getLog(Pacer.class);

	private static final Object NO_TOKEN = new Object();

	// One per JVM, not per client: an instance that shares no address spends one budget
	// of its own through all its clients.
	private static final String INSTANCE = UUID.randomUUID().toString();

	// Bucket4j takes no bound of zero: the shortest wait there is.
	private static final Duration ONE_NANO = Duration.ofNanos(1);

	private final EmnifyRateLimits limits;

	private final EmnifyRateLimitBuckets buckets;

	private final EmnifyAuthenticationListener listener;

	private final EmnifyOrigin origin;

	private final LimitClasses classes;

	private final ResendPolicy resendPolicy;

	private final Limit perIp;

	private final String originKey;

	private final String perIpKey;

	// The organisation key of the last token seen: every request of a token's life asks
	// for the same one, and reading the claims costs a parse.
	private volatile OrganisationKey lastKey = new OrganisationKey(NO_TOKEN, "");

	Pacer(URI baseUrl, EmnifyRateLimits limits, EmnifyRateLimitBuckets buckets, EmnifyAuthenticationListener listener) {
		this.limits = limits;
		this.buckets = buckets;
		this.listener = EmnifyAuthenticationListener.guarded(listener);
		this.origin = new EmnifyOrigin(baseUrl);
		this.classes = new LimitClasses(baseUrl, limits.limits());
		// A Retry-After is waited out up to the wait bound, the longest any request
		// waits.
		this.resendPolicy = new ResendPolicy(limits.maxResends(), limits.maxWait());
		this.perIp = limits.perIpLimit();
		this.originKey = baseUrl.getScheme() + "://" + baseUrl.getRawAuthority();
		// Not shared: a key of this instance's own, in buckets that may be shared.
		this.perIpKey = limits.isPerIpShared() ? this.originKey : this.originKey + "/instance/" + INSTANCE;
	}

	/**
	 * Whether a request is paced: the limits are on, and it goes to emnify's origin and
	 * is not the login.
	 * @param url the request's URL
	 * @return whether to take permits and wait out 429s
	 */
	boolean paces(URI url) {
		return this.limits.isEnabled() && this.origin.needsToken(url, false);
	}

	/**
	 * Take the permits of one send now if both are free, on the calling thread and with
	 * no round trip, as {@link EmnifyRateLimitBuckets#takeAtOnce} takes them: the way of
	 * every request while no queue forms, with no {@link Mono} of its own. The class
	 * permit is given back when the per-IP one is not free at once.
	 * @param method the request's method
	 * @param url the request's URL
	 * @param token the auth token the request carries, for its organisation
	 * @return whether both were taken; if not, nothing is held and the request takes its
	 * permits with {@link #permit}
	 */
	boolean permitAtOnce(HttpMethod method, URI url, @Nullable String token) {
		Limit limit = this.classes.classify(method, url);
		if (limit == null) {
			return takenAtOnce(this.perIpKey, this.perIp);
		}
		String key = organisationKey(token);
		// Not takenAtOnce twice: the class permit is recorded only once the per-IP one is
		// free too, as the caller falls back to permit() otherwise, which records both.
		if (!this.buckets.takeAtOnce(key, limit)) {
			return false;
		}
		if (!this.buckets.takeAtOnce(this.perIpKey, this.perIp)) {
			this.buckets.giveBack(key, limit).subscribe();
			return false;
		}
		this.listener.waitedForPermit(limit.name(), Duration.ZERO, true);
		this.listener.waitedForPermit(this.perIp.name(), Duration.ZERO, true);
		return true;
	}

	private boolean takenAtOnce(String key, Limit limit) {
		if (!this.buckets.takeAtOnce(key, limit)) {
			return false;
		}
		this.listener.waitedForPermit(limit.name(), Duration.ZERO, true);
		return true;
	}

	/**
	 * Take the permits of one send: the class's, then the per-IP one with what is left of
	 * the wait bound. A class permit is given back when the per-IP bucket refuses, or the
	 * caller leaves while it waits for the per-IP one.
	 * @param method the request's method
	 * @param url the request's URL
	 * @param token the auth token the request carries, for its organisation
	 * @return completion once both permits are due, or an
	 * {@link EmnifyRateLimitException} at once, with nothing reserved, when they would
	 * take longer than the bound; may complete on any thread
	 */
	Mono<Void> permit(HttpMethod method, URI url, @Nullable String token) {
		Limit limit = this.classes.classify(method, url);
		if (limit == null) {
			return take(this.perIpKey, this.perIp, this.limits.maxWait(), Duration.ZERO, method, url);
		}
		String key = organisationKey(token);
		return Mono.defer(() -> {
			long start = System.nanoTime();
			return take(key, limit, this.limits.maxWait(), Duration.ZERO, method, url).then(Mono.defer(() -> {
				Duration waited = Duration.ofNanos(System.nanoTime() - start);
				Mono<Void> giveBack = this.buckets.giveBack(key, limit);
				Duration left = this.limits.maxWait().minus(waited);
				return take(this.perIpKey, this.perIp, (left.compareTo(ONE_NANO) < 0) ? ONE_NANO : left, waited, method,
						url)
					.onErrorResume(EmnifyRateLimitException.class, (ex) -> giveBack.then(Mono.error(ex)))
					.doOnCancel(() -> giveBack.subscribe());
			}));
		});
	}

	/**
	 * Decide what follows an answer, under the {@link ResendPolicy one 429 rule}; a 429
	 * is reported to the listener, and its bucket drained (the class's, or the per-IP one
	 * for a request in no class) before the decision completes.
	 * @param method the request's method
	 * @param url the request's URL
	 * @param token the auth token the request carried
	 * @param status the answer's status code
	 * @param bodyRecorded whether the request's body was recorded in full, or it had none
	 * @param resendsSoFar how often the request was sent again already
	 * @param retryAfter the answer's {@code Retry-After}, if any
	 * @return the decision, once drained
	 */
	Mono<Decision> answered(HttpMethod method, URI url, @Nullable String token, int status, boolean bodyRecorded,
			int resendsSoFar, @Nullable String retryAfter) {
		Decision decision = this.resendPolicy.decide(status, bodyRecorded, resendsSoFar, retryAfter,
				Clock.systemUTC().instant());
		if (!decision.drain()) {
			return Mono.just(decision);
		}
		Limit limit = this.classes.classify(method, url);
		this.listener.tooManyRequests((limit != null) ? limit.name() : this.perIp.name(), decision.resend());
		Mono<Void> drained = (limit != null) ? this.buckets.drain(organisationKey(token), limit)
				: this.buckets.drain(this.perIpKey, this.perIp);
		// A drain that fails costs the other callers their pause, never this caller its
		// answer.
		return drained.onErrorResume((ex) -> {
			logger.debug("Could not drain the bucket of emnify's rate limit after a 429", ex);
			return Mono.empty();
		}).thenReturn(decision);
	}

	private Mono<Void> take(String key, Limit limit, Duration maxWait, Duration waitedBefore, HttpMethod method,
			URI url) {
		return Mono.defer(() -> {
			long start = System.nanoTime();
			return this.buckets.take(key, limit, maxWait).flatMap((permitted) -> {
				Duration waited = Duration.ofNanos(System.nanoTime() - start);
				this.listener.waitedForPermit(limit.name(), waited, permitted);
				if (permitted) {
					return Mono.empty();
				}
				return this.buckets.expectedWait(key, limit)
					.defaultIfEmpty(maxWait)
					.flatMap((expected) -> Mono
						.error(new EmnifyRateLimitException(limit, method.name() + " " + url.getRawPath(),
								expected.plus(waitedBefore), this.limits.maxWait(), this.limits.failureAdvice())));
			});
		});
	}

	private String organisationKey(@Nullable String token) {
		Object seen = (token != null) ? token : NO_TOKEN;
		OrganisationKey last = this.lastKey;
		if (last.token().equals(seen)) {
			return last.key();
		}
		Long organisation = (token != null) ? EmnifyTokenClaims.organisationId(token) : null;
		String key = this.originKey + "/" + ((organisation != null) ? organisation : "*");
		this.lastKey = new OrganisationKey(seen, key);
		return key;
	}

	private record OrganisationKey(Object token, String key) {

	}

}
