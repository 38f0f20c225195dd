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

import java.util.List;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;

/**
 * One page of an emnify list with what emnify's paging headers say about the whole list,
 * for callers who page by hand ({@code listPage} methods) rather than walking every page.
 * A list emnify does not page (SMS) reads as one page holding everything.
 *
 * @param <T> the type of the items
 * @param items the items of the page
 * @param page the page emnify answered, which past the last is the last, not the one
 * asked for
 * @param perPage the page size in effect
 * @param totalCount the number of items in the whole list
 * @param totalPages the number of pages
 */
public record EmnifyPage<T>(List<T> items, int page, int perPage, long totalCount, int totalPages) {

	/**
	 * Read a page from emnify's answer to a {@code listPage} call.
	 * @param <T> the type of the items
	 * @param answer the answer
	 * @param pageAsked the page asked for, taken when emnify does not name the page
	 * @return the page
	 */
	public static <T> EmnifyPage<T> of(ResponseEntity<List<T>> answer, int pageAsked) {
		List<T> items = EmnifyPaging.itemsOf(answer);
		HttpHeaders headers = answer.getHeaders();
		Integer page = EmnifyPaging.intHeader(headers, EmnifyPaging.CURRENT_PAGE);
		Integer perPage = EmnifyPaging.intHeader(headers, EmnifyPaging.COUNT_PER_PAGE);
		Integer totalCount = EmnifyPaging.intHeader(headers, EmnifyPaging.TOTAL_COUNT);
		Integer totalPages = EmnifyPaging.intHeader(headers, EmnifyPaging.TOTAL_PAGES);
		return new EmnifyPage<>(items, (page != null) ? page : pageAsked, (perPage != null) ? perPage : items.size(),
				(totalCount != null) ? totalCount : items.size(), (totalPages != null) ? totalPages : 1);
	}

}
