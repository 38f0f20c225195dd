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

package io.github.iotstarters.emnify.api;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

/**
 * The filter ({@code q}) and order ({@code sort}) of a list of events, built here so that
 * no caller writes emnify's syntax: a time range is {@code from} and {@code until}
 * together (emnify accepts neither alone) as {@code yyyy-MM-ddTHH:mm:ssZ} in UTC, several
 * types are joined by {@code |}, other filters are {@code field:value}, all joined by
 * commas.
 *
 * @param from the start of the time range, {@code null} for none
 * @param until the end of the time range, {@code null} for none
 * @param types the event type ids to keep, empty for all
 * @param filters other filters by field, for example {@code severity} or {@code iccid}
 * @param sort the order, {@code null} for ascending id; {@code -timestamp,id} is newest
 * first
 */
public record EventQuery(@Nullable Instant from, @Nullable Instant until, List<Integer> types,
		Map<String, String> filters, @Nullable String sort) {

	private static final DateTimeFormatter EMNIFY_FILTER_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss'Z'")
		.withZone(ZoneOffset.UTC);

	/**
	 * Check that the time range is whole and copy the lists so that the query stays
	 * unchanged.
	 * @param from the start of the time range
	 * @param until the end of the time range
	 * @param types the event type ids
	 * @param filters other filters
	 * @param sort the order
	 */
	public EventQuery {
		if ((from == null) != (until == null)) {
			throw new IllegalArgumentException("emnify filters events by time only with both 'from' and 'until'");
		}
		types = List.copyOf(types);
		filters = Collections.unmodifiableMap(new LinkedHashMap<>(filters));
	}

	/**
	 * A query without filters, in emnify's default order.
	 * @return the query
	 */
	public static EventQuery all() {
		return new EventQuery(null, null, List.of(), Map.of(), null);
	}

	/**
	 * Return this query keeping events between two instants, to the second.
	 * @param from the start
	 * @param until the end
	 * @return a new query
	 */
	public EventQuery between(Instant from, Instant until) {
		return new EventQuery(from, until, this.types, this.filters, this.sort);
	}

	/**
	 * Return this query keeping events of the given types only.
	 * @param typeIds the event type ids, for example 3 and 5 for PDP contexts created and
	 * deleted
	 * @return a new query
	 */
	public EventQuery ofTypes(int... typeIds) {
		List<Integer> more = new ArrayList<>(this.types);
		Arrays.stream(typeIds).forEach(more::add);
		return new EventQuery(this.from, this.until, more, this.filters, this.sort);
	}

	/**
	 * Return this query also filtering on a field, for example
	 * {@code where("severity", "2")}.
	 * @param field the field, as emnify names it
	 * @param value the value to match
	 * @return a new query
	 */
	public EventQuery where(String field, String value) {
		Map<String, String> more = new LinkedHashMap<>(this.filters);
		more.put(field, value);
		return new EventQuery(this.from, this.until, this.types, more, this.sort);
	}

	/**
	 * Return this query ordered by fields, for example
	 * {@code sortedBy("-timestamp", "id")}.
	 * @param fields the fields, each with a leading {@code -} for descending
	 * @return a new query
	 */
	public EventQuery sortedBy(String... fields) {
		return new EventQuery(this.from, this.until, this.types, this.filters, String.join(",", fields));
	}

	/**
	 * Return the filter as emnify's {@code q} expects it.
	 * @return the filter, {@code null} when there is none
	 */
	public @Nullable String q() {
		List<String> parts = new ArrayList<>();
		if (this.from != null && this.until != null) {
			parts.add("from:" + EMNIFY_FILTER_TIME.format(this.from));
			parts.add("until:" + EMNIFY_FILTER_TIME.format(this.until));
		}
		if (!this.types.isEmpty()) {
			parts.add("type:" + this.types.stream().map(String::valueOf).collect(Collectors.joining("|")));
		}
		this.filters.forEach((field, value) -> parts.add(field + ":" + value));
		return parts.isEmpty() ? null : String.join(",", parts);
	}

}
