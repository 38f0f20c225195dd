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

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

/**
 * The filter ({@code q}) and order ({@code sort}) of a list of endpoints or SIMs, built
 * here so that no caller concatenates emnify's syntax: filters are {@code field:criteria}
 * joined by commas, the order a comma list of fields, each descending with a leading
 * {@code -}.
 *
 * @param filters the filters by field, in the order they were added
 * @param sort the order, {@code null} for emnify's default (ascending id)
 */
public record ListQuery(Map<String, String> filters, @Nullable String sort) {

	/**
	 * Copy the filters, keeping their order, so that the query stays unchanged.
	 * @param filters the filters by field
	 * @param sort the order
	 */
	public ListQuery {
		filters = Collections.unmodifiableMap(new LinkedHashMap<>(filters));
	}

	/**
	 * A query without filters, in emnify's default order.
	 * @return the query
	 */
	public static ListQuery all() {
		return new ListQuery(Map.of(), null);
	}

	/**
	 * Return this query also filtering on a field, for example
	 * {@code where("iccid", "8988…")}.
	 * @param field the field, as emnify names it
	 * @param criteria the value to match
	 * @return a new query
	 */
	public ListQuery where(String field, String criteria) {
		Map<String, String> more = new LinkedHashMap<>(this.filters);
		more.put(field, criteria);
		return new ListQuery(more, this.sort);
	}

	/**
	 * Return this query ordered by fields, for example {@code sortedBy("-status", "id")}.
	 * @param fields the fields, each with a leading {@code -} for descending
	 * @return a new query
	 */
	public ListQuery sortedBy(String... fields) {
		return new ListQuery(this.filters, String.join(",", fields));
	}

	/**
	 * Return the filter as emnify's {@code q} expects it.
	 * @return the filter, {@code null} when there is none
	 */
	public @Nullable String q() {
		if (this.filters.isEmpty()) {
			return null;
		}
		return this.filters.entrySet()
			.stream()
			.map((filter) -> filter.getKey() + ":" + filter.getValue())
			.collect(Collectors.joining(","));
	}

}
