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

import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.http.HttpMethod;

import io.github.iotstarters.emnify.auth.web.EmnifyRateLimits.Limit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which of emnify's limit classes each of emnify's paths falls under, as a table: the
 * most specific path wins whatever order the classes come in, the method counts, one
 * trailing {@code /} and the query do not, and paths are read below the base URL's path.
 */
class LimitClassesTests {

	private static final List<Limit> EMNIFY = EmnifyRateLimits.emnify().limits();

	private final LimitClasses declared = new LimitClasses(URI.create("https://cdn.emnify.net"), EMNIFY);

	private final LimitClasses reversed = new LimitClasses(URI.create("https://cdn.emnify.net/"), reverse(EMNIFY));

	@ParameterizedTest(name = "{0} {1} -> {2}")
	@CsvSource(nullValues = "none", value = { "GET, /api/v1/endpoint, lists", "GET, /api/v1/endpoint/, lists",
			"GET, /api/v1/endpoint?page=2&per_page=5&q=status:0, lists", "POST, /api/v1/endpoint, none",
			"GET, /api/v1/sim, lists", "GET, /api/v1/sim/, lists", "GET, /api/v1/stats, lists",
			"GET, /api/v1/organisation/9/stats/daily, lists", "GET, /api/v1/organisation/9/billing/2025-01, lists",
			"GET, /api/v1/sim/42/stats, lists", "GET, /api/v1/sim/42/stats/daily, lists",
			"GET, /api/v1/endpoint/123/connectivity_info, lists", "GET, /api/v1/endpoint/123/stats, lists",
			"GET, /api/v1/endpoint/123/stats/daily, lists", "GET, /api/v1/event, lists",
			"GET, /api/v1/endpoint/123/event, lists", "GET, /api/v1/endpoint/123, endpoint",
			"GET, /api/v1/endpoint/123/, endpoint", "PATCH, /api/v1/endpoint/123, endpoint",
			"DELETE, /api/v1/endpoint/123, endpoint", "GET, /api/v1/endpoint/123/connectivity, endpoint",
			"PATCH, /api/v1/endpoint/123/connectivity, none", "GET, /api/v1/endpoint/stats, sim",
			"GET, /api/v1/endpoint/stats/, sim", "GET, /api/v1/sim/42, sim", "PATCH, /api/v1/sim/42, none",
			"GET, /api/v1/service_profile, sim", "GET, /api/v1/service_profile/7, sim",
			"GET, /api/v1/tariff_profile/3, sim", "GET, /api/v1/event/alerts_pending, sim",
			"POST, /api/v1/authenticate, none", "POST, /api/v2/endpoint/multi, none",
			"GET, /api/v1/endpoint/123/sms, none", "GET, /api/v1/endpoint/123/quota/data, none",
			"GET, /api/v1/endpointx, none", "GET, /, none" })
	void eachPathFallsUnderItsMostSpecificClass(HttpMethod method, String path, @Nullable String limit) {
		URI url = URI.create("https://cdn.emnify.net" + path);
		assertThat(nameOf(this.declared.classify(method, url))).isEqualTo(limit);
		assertThat(nameOf(this.reversed.classify(method, url))).as("classes in the reverse order").isEqualTo(limit);
	}

	@ParameterizedTest(name = "{0} -> {1}")
	@CsvSource(nullValues = "none", value = { "https://gateway.example/emnify/api/v1/endpoint, lists",
			"https://gateway.example/emnify/api/v1/endpoint/stats/, sim",
			"https://gateway.example/api/v1/endpoint, none", "https://gateway.example/emnifyx/api/v1/endpoint, none" })
	void pathsAreReadBelowTheBaseUrlsPath(URI url, @Nullable String limit) {
		LimitClasses classes = new LimitClasses(URI.create("https://gateway.example/emnify/"), EMNIFY);
		assertThat(nameOf(classes.classify(HttpMethod.GET, url))).isEqualTo(limit);
	}

	@Test
	void aPathWithoutAMethodCoversEveryMethodUnlessOneWithItsMethodMatches() {
		List<Limit> limits = new ArrayList<>(EMNIFY);
		limits.add(new Limit("bulk", List.of("/api/v2/endpoint/multi"), 1, 1));
		limits.add(new Limit("bulk-reads", List.of("GET /api/v2/endpoint/multi/"), 5, 5));
		LimitClasses classes = new LimitClasses(URI.create("https://cdn.emnify.net"), limits);
		URI url = URI.create("https://cdn.emnify.net/api/v2/endpoint/multi");
		assertThat(nameOf(classes.classify(HttpMethod.POST, url))).isEqualTo("bulk");
		assertThat(nameOf(classes.classify(HttpMethod.DELETE, url))).isEqualTo("bulk");
		assertThat(nameOf(classes.classify(HttpMethod.GET, url))).isEqualTo("bulk-reads");
	}

	@Test
	void pathsOfEqualSpecificityInTwoClassesGoByTheClassNameWhateverTheirOrder() {
		Limit first = new Limit("a-class", List.of("GET /api/v1/ab/{id}"), 1, 1);
		Limit second = new Limit("b-class", List.of("GET /api/v1/{kind}/ab"), 1, 1);
		URI url = URI.create("https://cdn.emnify.net/api/v1/ab/ab");
		for (List<Limit> limits : List.of(List.of(first, second), List.of(second, first))) {
			LimitClasses classes = new LimitClasses(URI.create("https://cdn.emnify.net"), limits);
			assertThat(nameOf(classes.classify(HttpMethod.GET, url))).as("%s", limits).isEqualTo("a-class");
		}
	}

	// Classes are remembered per method and path, up to a bound: asked again, and past
	// the bound, every answer is still the one the patterns give.
	@Test
	void rememberedClassesStayApartByMethodAndRightPastTheBound() {
		LimitClasses classes = new LimitClasses(URI.create("https://cdn.emnify.net"), EMNIFY);
		for (int round = 0; round < 2; round++) {
			for (int id = 0; id < 3000; id++) {
				URI url = URI.create("https://cdn.emnify.net/api/v1/endpoint/" + id);
				assertThat(nameOf(classes.classify(HttpMethod.GET, url))).isEqualTo("endpoint");
				assertThat(nameOf(classes.classify(HttpMethod.POST, url))).as("no class for POST").isNull();
				assertThat(nameOf(classes.classify(HttpMethod.PATCH, url))).isEqualTo("endpoint");
			}
		}
	}

	private static @Nullable String nameOf(@Nullable Limit limit) {
		return (limit != null) ? limit.name() : null;
	}

	private static List<Limit> reverse(List<Limit> limits) {
		List<Limit> reversed = new ArrayList<>(limits);
		Collections.reverse(reversed);
		return reversed;
	}

}
