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

package io.github.iotstarters.emnify.auth.web;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.util.Assert;

import io.github.iotstarters.emnify.auth.EmnifyFailureAdvice;

/**
 * emnify's rate limits as the filter and the interceptor keep to them: the limit classes
 * of emnify's paths, each a token bucket per organisation, the limit per IP address over
 * every path but the login, how long a request may wait for a permit, and how often a
 * request that emnify answered 429 is sent again. Immutable; {@link #emnify()} holds the
 * figures emnify publishes, which {@link #builder()} starts from.
 * <p>
 * The login ({@code /api/v1/authenticate}) is never paced here: its own limit is the
 * token provider's business. emnify's 10 million requests per organisation and month are
 * no pacing problem and are not counted.
 */
public final class EmnifyRateLimits {

	/**
	 * The name of the limit per IP address, as {@link #perIpLimit()} and messages name
	 * it; no limit class may take it.
	 */
	public static final String PER_IP = "per-ip";

	private static final EmnifyRateLimits EMNIFY = new Builder().build();

	private static final EmnifyRateLimits NONE = new Builder().enabled(false).build();

	private final List<Limit> limits;

	private final int perIpMaxRequests;

	private final Duration perIpWindow;

	private final int perIpBurst;

	private final boolean perIpShared;

	private final Duration maxWait;

	private final int maxResends;

	private final boolean enabled;

	private final EmnifyFailureAdvice failureAdvice;

	private EmnifyRateLimits(Builder builder) {
		this.limits = List.copyOf(builder.limits.values());
		this.perIpMaxRequests = builder.perIpMaxRequests;
		this.perIpWindow = builder.perIpWindow;
		this.perIpBurst = builder.perIpBurst;
		this.perIpShared = builder.perIpShared;
		this.maxWait = builder.maxWait;
		this.maxResends = builder.maxResends;
		this.enabled = builder.enabled;
		this.failureAdvice = builder.failureAdvice;
	}

	/**
	 * Return emnify's published limits: lists 10 requests/s with a burst of 5, one
	 * endpoint 50/s with 25, one SIM and the profiles 100/s with 50, 2,000 requests per 5
	 * minutes per IP address with a burst of 600 (shared by the instances), a wait of at
	 * most a minute and three re-sends after a 429.
	 * @return the limits
	 */
	public static EmnifyRateLimits emnify() {
		return EMNIFY;
	}

	/**
	 * Return limits that are switched off: no pacing and no re-send after a 429.
	 * @return the limits
	 */
	public static EmnifyRateLimits none() {
		return NONE;
	}

	/**
	 * Start from {@link #emnify() emnify's limits}.
	 * @return a builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Return the limit classes, each a bucket per organisation, in the order given.
	 * @return the classes
	 */
	public List<Limit> limits() {
		return this.limits;
	}

	/**
	 * Return the limit per IP address as a bucket named {@link #PER_IP}: a burst of
	 * {@link #perIpBurst()} refilled at {@code (perIpMaxRequests - reserve - perIpBurst)
	 * / perIpWindow}, the reserve a twentieth of the requests for logins (emnify counts
	 * them here, at most 100 of its 2,000), so that no window, sliding or fixed, sees
	 * more than {@link #perIpMaxRequests()}.
	 * @return the limit, with no paths of its own
	 */
	public Limit perIpLimit() {
		double perSecond = (paced(this.perIpMaxRequests) - this.perIpBurst) * 1e9 / this.perIpWindow.toNanos();
		return new Limit(PER_IP, List.of(), perSecond, this.perIpBurst);
	}

	// The requests of a window that the per-IP bucket gives out: all but the reserve.
	private static int paced(int maxRequests) {
		return maxRequests - maxRequests / 20;
	}

	/**
	 * Return how many requests emnify allows per IP address in one window.
	 * @return the requests
	 */
	public int perIpMaxRequests() {
		return this.perIpMaxRequests;
	}

	/**
	 * Return the window of the limit per IP address.
	 * @return the window
	 */
	public Duration perIpWindow() {
		return this.perIpWindow;
	}

	/**
	 * Return how many requests may go at once under the limit per IP address.
	 * @return the burst
	 */
	public int perIpBurst() {
		return this.perIpBurst;
	}

	/**
	 * Return whether the instances share the bucket per IP address (one egress address).
	 * @return whether it is shared
	 */
	public boolean isPerIpShared() {
		return this.perIpShared;
	}

	/**
	 * Return the longest a request waits for a permit, or for a {@code Retry-After}.
	 * @return the bound
	 */
	public Duration maxWait() {
		return this.maxWait;
	}

	/**
	 * Return how often one request is sent again after a 429.
	 * @return the re-sends, zero for none
	 */
	public int maxResends() {
		return this.maxResends;
	}

	/**
	 * Return whether requests are paced and 429s waited out.
	 * @return whether the limits apply
	 */
	public boolean isEnabled() {
		return this.enabled;
	}

	/**
	 * Return the advice a refused request's message ends with, in the configuration's
	 * words.
	 * @return the advice
	 */
	public EmnifyFailureAdvice failureAdvice() {
		return this.failureAdvice;
	}

	/**
	 * One of emnify's rate limits: a token bucket of {@code burst} permits, refilled
	 * steadily at {@code rate} permits per second.
	 *
	 * @param name the name that messages and meters give the limit
	 * @param paths the requests it covers, each {@code [METHOD ]pattern}: a Spring
	 * {@code PathPattern} relative to the base URL's path ({@code {id}} one segment,
	 * {@code **} the rest), without a method for every method
	 * @param rate the permits per second, above zero
	 * @param burst the permits that may go at once, at least one
	 */
	public record Limit(String name, List<String> paths, double rate, int burst) {

		/**
		 * Check the limit's figures and paths.
		 * @param name the name that messages and meters give the limit
		 * @param paths the requests it covers
		 * @param rate the permits per second
		 * @param burst the permits that may go at once
		 */
		public Limit {
			Assert.hasText(name, "emnify rate limit name must not be empty");
			Assert.isTrue(rate > 0 && Double.isFinite(rate),
					() -> "emnify rate limit '" + name + "' must allow more than 0 requests per second, not " + rate);
			Assert.isTrue(burst >= 1,
					() -> "emnify rate limit '" + name + "' must have a burst of at least 1, not " + burst);
			paths = List.copyOf(paths);
			paths.forEach((path) -> LimitClasses.parse(name, path));
		}

		/**
		 * Describe the limit's figures for a message: "10 requests/s, burst 5", the rate
		 * to three significant digits.
		 * @return the description
		 */
		public String figures() {
			return BigDecimal.valueOf(this.rate).round(new MathContext(3)).stripTrailingZeros().toPlainString()
					+ " requests/s, burst " + this.burst;
		}

	}

	/**
	 * Builds {@link EmnifyRateLimits}, starting from {@link EmnifyRateLimits#emnify()
	 * emnify's}.
	 */
	public static final class Builder {

		private final Map<String, Limit> limits = new LinkedHashMap<>();

		private int perIpMaxRequests = 2000;

		private Duration perIpWindow = Duration.ofMinutes(5);

		private int perIpBurst = 600;

		private boolean perIpShared = true;

		private Duration maxWait = Duration.ofMinutes(1);

		private int maxResends = 3;

		private boolean enabled = true;

		private EmnifyFailureAdvice failureAdvice = EmnifyFailureAdvice.DEFAULT;

		private Builder() {
			limit(new Limit("lists", List.of("GET /api/v1/endpoint", "GET /api/v1/sim", "GET /api/v1/stats",
					"GET /api/v1/organisation/{id}/stats/**", "GET /api/v1/organisation/{id}/billing/**",
					"GET /api/v1/sim/{id}/stats/**", "GET /api/v1/endpoint/{id}/connectivity_info",
					"GET /api/v1/endpoint/{id}/stats/**", "GET /api/v1/event", "GET /api/v1/endpoint/{id}/event"), 10,
					5));
			limit(new Limit("endpoint", List.of("GET /api/v1/endpoint/{id}", "GET /api/v1/endpoint/{id}/connectivity",
					"PATCH /api/v1/endpoint/{id}", "DELETE /api/v1/endpoint/{id}"), 50, 25));
			limit(new Limit("sim", List.of("GET /api/v1/sim/{id}", "GET /api/v1/service_profile/**",
					"GET /api/v1/tariff_profile/**", "GET /api/v1/endpoint/stats", "GET /api/v1/event/alerts_pending"),
					100, 50));
		}

		/**
		 * Add a limit class, or replace the one of the same name.
		 * @param limit the limit
		 * @return this builder
		 */
		public Builder limit(Limit limit) {
			Assert.isTrue(!PER_IP.equals(limit.name()),
					() -> "emnify rate limit class must not be named '" + PER_IP + "', the limit per IP address");
			this.limits.put(limit.name(), limit);
			return this;
		}

		/**
		 * Drop every limit class, emnify's too, for a configuration that names all of
		 * them itself.
		 * @return this builder
		 */
		public Builder withoutLimits() {
			this.limits.clear();
			return this;
		}

		/**
		 * Set the limit per IP address.
		 * @param maxRequests the requests emnify allows per IP address in one window
		 * @param window the window
		 * @param burst the requests that may go at once, fewer than {@code maxRequests}
		 * less the twentieth kept for logins
		 * @return this builder
		 */
		public Builder perIp(int maxRequests, Duration window, int burst) {
			Assert.isTrue(!window.isNegative() && !window.isZero(),
					() -> "emnify per-IP rate limit window must be positive, not " + window);
			Assert.isTrue(burst >= 1 && burst < paced(maxRequests),
					() -> "emnify per-IP rate limit burst must be at least 1 and fewer than the requests per window less "
							+ "the twentieth kept for logins (" + paced(maxRequests) + " of " + maxRequests + "), not "
							+ burst);
			this.perIpMaxRequests = maxRequests;
			this.perIpWindow = window;
			this.perIpBurst = burst;
			return this;
		}

		/**
		 * Set whether the instances share the bucket per IP address (they do by default:
		 * instances usually leave through one address).
		 * @param shared whether to share it
		 * @return this builder
		 */
		public Builder perIpShared(boolean shared) {
			this.perIpShared = shared;
			return this;
		}

		/**
		 * Set the longest a request waits for a permit, or for a {@code Retry-After}.
		 * @param maxWait the bound, positive
		 * @return this builder
		 */
		public Builder maxWait(Duration maxWait) {
			Assert.isTrue(!maxWait.isNegative() && !maxWait.isZero(),
					() -> "emnify rate limit max wait must be positive, not " + maxWait);
			this.maxWait = maxWait;
			return this;
		}

		/**
		 * Set how often one request is sent again after emnify answered 429.
		 * @param maxResends the re-sends, zero to hand every 429 on
		 * @return this builder
		 */
		public Builder maxResends(int maxResends) {
			Assert.isTrue(maxResends >= 0,
					() -> "emnify rate limit max resends must not be negative, not " + maxResends);
			this.maxResends = maxResends;
			return this;
		}

		/**
		 * Set whether requests are paced and 429s waited out at all.
		 * @param enabled whether the limits apply
		 * @return this builder
		 */
		public Builder enabled(boolean enabled) {
			this.enabled = enabled;
			return this;
		}

		/**
		 * Set the advice that a refused request's message ends with, naming the settings
		 * as the configuration names them. Default: {@link EmnifyFailureAdvice#DEFAULT}.
		 * @param failureAdvice the advice
		 * @return this builder
		 */
		public Builder failureAdvice(EmnifyFailureAdvice failureAdvice) {
			Assert.notNull(failureAdvice, "EmnifyFailureAdvice must not be null");
			this.failureAdvice = failureAdvice;
			return this;
		}

		/**
		 * Build the limits.
		 * @return the limits
		 */
		public EmnifyRateLimits build() {
			LimitClasses.checkUnambiguous(new ArrayList<>(this.limits.values()));
			return new EmnifyRateLimits(this);
		}

	}

}
