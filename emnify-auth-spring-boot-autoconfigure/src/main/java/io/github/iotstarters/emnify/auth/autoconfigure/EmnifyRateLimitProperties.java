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

package io.github.iotstarters.emnify.auth.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import io.github.iotstarters.emnify.auth.EmnifyFailureAdvice;
import io.github.iotstarters.emnify.auth.web.EmnifyRateLimits;
import io.github.iotstarters.emnify.auth.web.EmnifyRateLimits.Limit;

/**
 * emnify's rate limits as the starter's clients keep to them
 * ({@code emnify.rate-limit.*}): a permit of the request's limit class and of the IP
 * address before each request, and a 429 waited out. The figures default to the ones
 * emnify publishes ({@link EmnifyRateLimits#emnify()}).
 */
public class EmnifyRateLimitProperties {

	private static final EmnifyRateLimits EMNIFY = EmnifyRateLimits.emnify();

	/**
	 * Whether requests to emnify are paced under its rate limits, and 429s waited out and
	 * sent again. When off, requests go as they come and 429s reach the callers.
	 */
	private boolean enabled = true;

	/**
	 * Longest a request waits for its permits, and for a Retry-After. A request that
	 * would wait longer is not sent: its caller gets an EmnifyRateLimitException at once.
	 */
	private Duration maxWait = Duration.ofMinutes(1);

	/**
	 * How often a request that emnify answered 429 is sent again, with the same bytes,
	 * before its caller gets the 429. Zero hands every 429 on.
	 */
	private int maxResends = 3;

	/**
	 * Limit classes by name, each a token bucket per organisation: lists (10 requests/s,
	 * burst 5), endpoint (50/s, burst 25), sim (100/s, burst 50). Setting a figure of one
	 * of these keeps its other figures and paths; a new name adds a class.
	 */
	private final Map<String, LimitClass> classes = new LinkedHashMap<>();

	private final PerIp perIp = new PerIp();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public Duration getMaxWait() {
		return this.maxWait;
	}

	public void setMaxWait(Duration maxWait) {
		this.maxWait = maxWait;
	}

	public int getMaxResends() {
		return this.maxResends;
	}

	public void setMaxResends(int maxResends) {
		this.maxResends = maxResends;
	}

	public Map<String, LimitClass> getClasses() {
		return this.classes;
	}

	public PerIp getPerIp() {
		return this.perIp;
	}

	/**
	 * Build the limits these properties describe, or fail naming the property whose value
	 * cannot work: the one home of both the mapping and its check.
	 * @param advice the advice that a refused request's message ends with
	 * @return the limits
	 */
	EmnifyRateLimits toRateLimits(EmnifyFailureAdvice advice) {
		EmnifyRateLimits.Builder builder = EmnifyRateLimits.builder().enabled(this.enabled).failureAdvice(advice);
		check("emnify.rate-limit.max-wait", this.maxWait, () -> builder.maxWait(this.maxWait));
		check("emnify.rate-limit.max-resends", this.maxResends, () -> builder.maxResends(this.maxResends));
		check("emnify.rate-limit.per-ip.burst", this.perIp.burst,
				() -> builder.perIp(this.perIp.limit, this.perIp.window, this.perIp.burst));
		builder.perIpShared(this.perIp.shared);
		Map<String, Limit> emnifys = EMNIFY.limits()
			.stream()
			.collect(Collectors.toMap(Limit::name, Function.identity()));
		this.classes.forEach((name, given) -> {
			String property = "emnify.rate-limit.classes." + name;
			Limit limit = check(property, null, () -> given.toLimit(name, emnifys.get(name)));
			check(property, null, () -> builder.limit(limit));
		});
		return check("emnify.rate-limit.classes", null, builder::build);
	}

	private static <T> T check(String property, @Nullable Object value, Check<T> check) {
		try {
			return check.run();
		}
		catch (IllegalArgumentException ex) {
			throw EmnifyPropertyChecks.invalid(property, value, ex.getMessage() + ".",
					"Set " + property + " to a value emnify's limits can work with, or remove it for emnify's own.");
		}
	}

	@FunctionalInterface
	private interface Check<T> {

		T run();

	}

	/**
	 * One limit class: the requests it covers and its token bucket per organisation.
	 */
	public static class LimitClass {

		/**
		 * Requests of the class, each "[METHOD ]path-pattern" below the base URL, such as
		 * "GET /api/v1/endpoint/{id}". The most specific pattern of all classes decides a
		 * request's class.
		 */
		private @Nullable List<String> paths;

		/**
		 * Requests per second, per organisation.
		 */
		private @Nullable Double rate;

		/**
		 * Requests that may go at once, the bucket's capacity.
		 */
		private @Nullable Integer burst;

		public @Nullable List<String> getPaths() {
			return this.paths;
		}

		public void setPaths(@Nullable List<String> paths) {
			this.paths = paths;
		}

		public @Nullable Double getRate() {
			return this.rate;
		}

		public void setRate(@Nullable Double rate) {
			this.rate = rate;
		}

		public @Nullable Integer getBurst() {
			return this.burst;
		}

		public void setBurst(@Nullable Integer burst) {
			this.burst = burst;
		}

		// What is not set comes from emnify's class of the same name; a class of one's
		// own
		// must set all of it.
		Limit toLimit(String name, @Nullable Limit emnifys) {
			List<String> paths = (this.paths != null) ? this.paths : ((emnifys != null) ? emnifys.paths() : null);
			Double rate = (this.rate != null) ? this.rate : ((emnifys != null) ? emnifys.rate() : null);
			Integer burst = (this.burst != null) ? this.burst : ((emnifys != null) ? emnifys.burst() : null);
			if (paths == null || rate == null || burst == null) {
				List<String> missing = new ArrayList<>();
				if (paths == null) {
					missing.add("paths");
				}
				if (rate == null) {
					missing.add("rate");
				}
				if (burst == null) {
					missing.add("burst");
				}
				throw new IllegalArgumentException("emnify rate limit '" + name + "' is a class of your own and needs "
						+ "paths, rate and burst; missing: " + String.join(", ", missing));
			}
			return new Limit(name, paths, rate, burst);
		}

	}

	/**
	 * emnify's limit per IP address over its whole API, a token bucket that never admits
	 * more than the limit in one window.
	 */
	public static class PerIp {

		/**
		 * Requests emnify allows per IP address in one window.
		 */
		private int limit = 2000;

		/**
		 * The window of the limit.
		 */
		private Duration window = Duration.ofMinutes(5);

		/**
		 * Requests that may go at once. After the burst, the rest of a window less a
		 * twentieth kept for logins is given out evenly: a larger burst starts faster and
		 * goes slower after.
		 */
		private int burst = 600;

		/**
		 * Whether the instances of a fleet with shared rate-limit buckets (Redis) share
		 * the limit per IP address, as they do when they leave through one address. Set
		 * false when each instance has an address of its own.
		 */
		private boolean shared = true;

		public int getLimit() {
			return this.limit;
		}

		public void setLimit(int limit) {
			this.limit = limit;
		}

		public Duration getWindow() {
			return this.window;
		}

		public void setWindow(Duration window) {
			this.window = window;
		}

		public int getBurst() {
			return this.burst;
		}

		public void setBurst(int burst) {
			this.burst = burst;
		}

		public boolean isShared() {
			return this.shared;
		}

		public void setShared(boolean shared) {
			this.shared = shared;
		}

	}

}
