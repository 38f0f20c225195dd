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

import java.util.Iterator;
import java.util.List;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.function.IntFunction;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Walks emnify's pages, the one home of the rule. emnify names the page count in
 * {@code X-Total-Pages} (in upper or lower case, depending on the resource) and answers a
 * page past the last with the last page, not with an empty one. So the walk re-reads the
 * count from every answer, stops when {@code X-Current-Page} is not the page asked for,
 * goes on past an empty page while the count says more follow, and takes a missing count
 * as "this was the only page" (SMS lists carry no paging headers).
 */
final class EmnifyPaging {

	static final int FIRST_PAGE = 1;

	static final String TOTAL_PAGES = "X-Total-Pages";

	static final String CURRENT_PAGE = "X-Current-Page";

	static final String TOTAL_COUNT = "X-Total-Count";

	static final String COUNT_PER_PAGE = "X-Count-Per-Page";

	private EmnifyPaging() {
	}

	// Every item of every page, fetching a page only when the stream needs its items.
	static <T> Stream<T> stream(IntFunction<ResponseEntity<List<T>>> fetchPage) {
		return StreamSupport.stream(new PageSpliterator<>(fetchPage), false);
	}

	// Every item of every page, asking for the next page only once the items before it
	// have been consumed.
	static <T> Flux<T> flux(IntFunction<Mono<ResponseEntity<List<T>>>> fetchPage) {
		return fluxFrom(FIRST_PAGE, fetchPage);
	}

	private static <T> Flux<T> fluxFrom(int page, IntFunction<Mono<ResponseEntity<List<T>>>> fetchPage) {
		return Flux.defer(() -> fetchPage.apply(page)).concatMap((answer) -> {
			int next = nextPage(page, answer.getHeaders());
			Flux<T> items = Flux.fromIterable(itemsOf(answer));
			return (next > 0) ? items.concatWith(fluxFrom(next, fetchPage)) : items;
		});
	}

	static <T> List<T> itemsOf(ResponseEntity<List<T>> answer) {
		List<T> items = answer.getBody();
		return (items != null) ? items : List.of();
	}

	// The page to fetch after the given one, 0 when the given one was the last.
	static int nextPage(int page, HttpHeaders headers) {
		Integer totalPages = intHeader(headers, TOTAL_PAGES);
		Integer currentPage = intHeader(headers, CURRENT_PAGE);
		if (totalPages == null || page >= totalPages) {
			return 0;
		}
		if (currentPage != null && currentPage != page) {
			return 0;
		}
		return page + 1;
	}

	static @Nullable Integer intHeader(HttpHeaders headers, String name) {
		String value = headers.getFirst(name);
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			return Integer.valueOf(value.trim());
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	private static final class PageSpliterator<T> extends Spliterators.AbstractSpliterator<T> {

		private final IntFunction<ResponseEntity<List<T>>> fetchPage;

		private Iterator<T> items = List.<T>of().iterator();

		private int nextPage = FIRST_PAGE;

		PageSpliterator(IntFunction<ResponseEntity<List<T>>> fetchPage) {
			super(Long.MAX_VALUE, Spliterator.ORDERED | Spliterator.NONNULL);
			this.fetchPage = fetchPage;
		}

		@Override
		public boolean tryAdvance(Consumer<? super T> action) {
			while (!this.items.hasNext()) {
				if (this.nextPage == 0) {
					return false;
				}
				int page = this.nextPage;
				ResponseEntity<List<T>> answer = this.fetchPage.apply(page);
				this.nextPage = nextPage(page, answer.getHeaders());
				this.items = itemsOf(answer).iterator();
			}
			action.accept(this.items.next());
			return true;
		}

	}

}
