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

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import com.github.tomakehurst.wiremock.http.Request;
import org.jspecify.annotations.Nullable;

import io.github.iotstarters.emnify.auth.test.SimulatorEvent.Kind;
import io.github.iotstarters.emnify.auth.test.TokenIssuer.AuthGrant;

/**
 * emnify's API rate limits, checked before the simulator processes a request: a token
 * bucket per workspace (of the bearer token) and {@link LimitClass limit class}, and a
 * sliding window per client address over every request but those to
 * {@code /api/v1/authenticate}, whose own limit {@link Authentication} keeps. A refused
 * request changes nothing else. A request without a valid token takes no class permit, as
 * it belongs to no workspace; the business API answers it 401.
 * <p>
 * Time is real, from {@link System#nanoTime()}, not the simulator's clock: tests move
 * that clock by hours to expire tokens, which must neither fill nor empty a bucket.
 */
final class ApiRateLimits {

	private static final List<Route> ROUTES = Arrays.stream(LimitClass.values())
		.flatMap((limitClass) -> limitClass.patterns.stream().map((pattern) -> new Route(pattern, limitClass)))
		.sorted(Comparator.comparing(Route::pattern, RoutePattern.MOST_SPECIFIC_FIRST))
		.toList();

	private final boolean enabled;

	private final Map<LimitClass, Figures> figures;

	private final int perAddressLimit;

	private final Duration perAddressWindow;

	private final boolean retryAfterHeader;

	private final TokenIssuer tokens;

	private final Responses responses;

	private final SimulatorCounters counters;

	private final Map<Bucket, TokenBucket> buckets = new ConcurrentHashMap<>();

	private final Map<String, SlidingWindowRateLimiter> addresses = new ConcurrentHashMap<>();

	ApiRateLimits(EmnifySimulatorBuilder builder, TokenIssuer tokens, Responses responses, SimulatorCounters counters) {
		this.enabled = builder.apiRateLimits;
		this.figures = new EnumMap<>(builder.apiRateLimitFigures);
		this.perAddressLimit = builder.perIpRateLimit;
		this.perAddressWindow = builder.perIpRateWindow;
		this.retryAfterHeader = builder.retryAfterHeader;
		this.tokens = tokens;
		this.responses = responses;
		this.counters = counters;
	}

	/**
	 * The limit class of a request, from the most specific pattern that matches it.
	 * @param method the HTTP method
	 * @param path the path, without query
	 * @return the class, or {@code null} when the request is in none
	 */
	static @Nullable LimitClass classify(String method, String path) {
		List<String> segments = RoutePattern.segments(path);
		return ROUTES.stream()
			.filter((route) -> route.pattern().matches(method, segments))
			.map(Route::limitClass)
			.findFirst()
			.orElse(null);
	}

	/**
	 * The 429 for a request over one of emnify's API limits, taking a permit otherwise.
	 * @param request the request
	 * @param path its path, without query
	 * @return the refusal, or {@code null} when the request may be processed
	 */
	@Nullable Outcome refusal(Request request, String path) {
		if (!this.enabled || path.equals(SimulatorTransformer.AUTHENTICATE)) {
			return null;
		}
		long now = System.nanoTime();
		AuthGrant grant = grant(request);
		String principal = (grant != null) ? grant.principal() : Outcome.UNKNOWN_PRINCIPAL;
		String address = request.getClientIp();
		SlidingWindowRateLimiter window = this.addresses.computeIfAbsent(address,
				(key) -> new SlidingWindowRateLimiter(this.perAddressLimit, this.perAddressWindow));
		// The window only compares instants with one another, so a monotonic reading
		// serves.
		Instant instant = Instant.EPOCH.plusNanos(now);
		if (!window.tryAcquire(instant)) {
			return refuse(principal, "over the limit of " + this.perAddressLimit + " requests per "
					+ this.perAddressWindow + " of address " + address, window.untilAdmission(instant));
		}
		LimitClass limitClass = classify(request.getMethod().value(), path);
		if (grant == null || limitClass == null) {
			return null;
		}
		Figures classFigures = this.figures.getOrDefault(limitClass, limitClass.figures);
		TokenBucket bucket = this.buckets.computeIfAbsent(new Bucket(grant.workspaceId(), limitClass),
				(key) -> new TokenBucket(classFigures.perSecond(), classFigures.burst(), now));
		if (!bucket.tryAcquire(now)) {
			return refuse(principal, "over the " + limitClass.key + " limit of workspace " + grant.workspaceId(),
					bucket.untilNextPermit(now));
		}
		return null;
	}

	/**
	 * Refills every bucket and empties every window.
	 */
	void reset() {
		this.buckets.clear();
		this.addresses.clear();
	}

	private @Nullable AuthGrant grant(Request request) {
		try {
			return this.tokens.authorize(request);
		}
		catch (Rejection rejection) {
			return null;
		}
	}

	private Outcome refuse(String principal, String reason, Duration retryAfter) {
		this.counters.apiRateLimitRefusal();
		return new Outcome(Kind.API_REQUEST, principal, "rate limited: " + reason, this.responses
			.tooManyRequests("Too many requests: " + reason, this.retryAfterHeader ? retryAfter : null));
	}

	/**
	 * emnify's path limit classes, with the figures and patterns emnify publishes.
	 */
	enum LimitClass {

		/**
		 * Endpoint and SIM lists, statistics and events: 10/s, burst 5.
		 */
		LISTS("lists", new Figures(10, 5), "GET /api/v1/endpoint", "GET /api/v1/sim", "GET /api/v1/stats",
				"GET /api/v1/organisation/{id}/stats/**", "GET /api/v1/organisation/{id}/billing/**",
				"GET /api/v1/sim/{id}/stats/**", "GET /api/v1/endpoint/{id}/connectivity_info",
				"GET /api/v1/endpoint/{id}/stats/**", "GET /api/v1/event", "GET /api/v1/endpoint/{id}/event"),

		/**
		 * One endpoint and its connectivity: 50/s, burst 25.
		 */
		ENDPOINT("endpoint", new Figures(50, 25), "GET /api/v1/endpoint/{id}", "GET /api/v1/endpoint/{id}/connectivity",
				"PATCH /api/v1/endpoint/{id}", "DELETE /api/v1/endpoint/{id}"),

		/**
		 * One SIM, service and tariff profiles, organisation-wide endpoint statistics:
		 * 100/s, burst 50.
		 */
		SIM("sim", new Figures(100, 50), "GET /api/v1/sim/{id}", "GET /api/v1/service_profile/**",
				"GET /api/v1/tariff_profile/**", "GET /api/v1/endpoint/stats", "GET /api/v1/event/alerts_pending");

		private final String key;

		private final Figures figures;

		private final List<RoutePattern> patterns;

		LimitClass(String key, Figures figures, String... patterns) {
			this.key = key;
			this.figures = figures;
			this.patterns = Arrays.stream(patterns).map(RoutePattern::parse).toList();
		}

		String key() {
			return this.key;
		}

		/**
		 * The class of a name as the builder takes it.
		 * @param key {@code lists}, {@code endpoint} or {@code sim}
		 * @return the class
		 * @throws IllegalArgumentException for any other name
		 */
		static LimitClass of(String key) {
			return Arrays.stream(values())
				.filter((limitClass) -> limitClass.key.equals(key.toLowerCase(Locale.ROOT)))
				.findFirst()
				.orElseThrow(() -> new IllegalArgumentException(
						"emnify has no API rate limit class '" + key + "'; use one of "
								+ Arrays.stream(values()).map(LimitClass::key).collect(Collectors.joining(", "))));
		}

		static Map<LimitClass, Figures> defaults() {
			Map<LimitClass, Figures> defaults = new EnumMap<>(LimitClass.class);
			Arrays.stream(values()).forEach((limitClass) -> defaults.put(limitClass, limitClass.figures));
			return defaults;
		}

	}

	/**
	 * The figures of a token bucket.
	 *
	 * @param perSecond permits regained per second
	 * @param burst permits the bucket holds at most, and starts with
	 */
	record Figures(double perSecond, int burst) {

		Figures {
			if (!(perSecond > 0) || Double.isInfinite(perSecond) || burst < 1) {
				throw new IllegalArgumentException(
						"An API rate limit needs a positive finite rate and a burst of at least 1, not " + perSecond
								+ "/s burst " + burst);
			}
		}

	}

	private record Route(RoutePattern pattern, LimitClass limitClass) {
	}

	private record Bucket(long workspaceId, LimitClass limitClass) {
	}

}
