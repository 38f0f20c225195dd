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

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * emnify's {@code q} and {@code sort} parameters of a list: {@code q} holds
 * {@code field:value} filters separated by commas, a value may list alternatives
 * separated by {@code |}; {@code sort} names fields separated by commas, each ascending
 * or, with a leading {@code -}, descending, ties by ascending id.
 */
final class ListQuery {

	private ListQuery() {
	}

	/**
	 * The filters of {@code q}.
	 * @param query the {@code q} parameter, or {@code null}
	 * @param fields the fields the list may be filtered by
	 * @return the values of each field, in the order given
	 * @throws IllegalArgumentException for a filter that is no {@code field:value} or
	 * names another field, which emnify answers 422 {@code InvalidQueryCriteria}
	 */
	static Map<String, List<String>> filters(@Nullable String query, Set<String> fields) {
		Map<String, List<String>> filters = new LinkedHashMap<>();
		if (query == null) {
			return filters;
		}
		// The values of from and until hold colons of their own: only the first one
		// separates field and value.
		for (String filter : query.split(",")) {
			int colon = filter.indexOf(':');
			String field = (colon > 0) ? filter.substring(0, colon).trim() : "";
			if (!fields.contains(field) || colon == filter.length() - 1) {
				throw new IllegalArgumentException("Invalid query criteria: " + filter);
			}
			filters.put(field, List.of(filter.substring(colon + 1).trim().split("\\|")));
		}
		return filters;
	}

	/**
	 * The order of {@code sort}.
	 * @param <T> the type of the items
	 * @param sort the {@code sort} parameter, or {@code null} for ascending id
	 * @param fields the order of each field the list may be sorted by, ascending
	 * @param byId the order by ascending id, which breaks ties
	 * @return the order
	 * @throws IllegalArgumentException for a field the list cannot be sorted by, which
	 * emnify answers 422 {@code InvalidSortCriteria}
	 */
	static <T> Comparator<T> order(@Nullable String sort, Map<String, Comparator<T>> fields, Comparator<T> byId) {
		if (sort == null) {
			return byId;
		}
		Comparator<T> order = null;
		for (String part : sort.split(",")) {
			String field = part.trim();
			boolean descending = field.startsWith("-");
			field = (descending || field.startsWith("+")) ? field.substring(1) : field;
			Comparator<T> comparator = fields.get(field);
			if (comparator == null) {
				throw new IllegalArgumentException("Invalid sort criteria: " + part);
			}
			comparator = descending ? comparator.reversed() : comparator;
			order = (order != null) ? order.thenComparing(comparator) : comparator;
		}
		return (order != null) ? order.thenComparing(byId) : byId;
	}

	/**
	 * Whether a text contains any of the values, ignoring case.
	 * @param text the text, or {@code null}, which contains nothing
	 * @param values the values
	 * @return whether one of them is part of the text
	 */
	static boolean containsAny(@Nullable String text, List<String> values) {
		return text != null && values.stream()
			.anyMatch((value) -> text.toLowerCase(Locale.ROOT).contains(value.toLowerCase(Locale.ROOT)));
	}

}
