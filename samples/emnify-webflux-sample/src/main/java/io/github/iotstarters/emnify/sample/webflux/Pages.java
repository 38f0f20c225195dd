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

package io.github.iotstarters.emnify.sample.webflux;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.core.ResolvableType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Walks an emnify list page by page, following the {@code rel="next"} link of each
 * answer's {@code Link} header, with a pause between requests.
 */
final class Pages {

	private static final Pattern NEXT = Pattern.compile("<([^>]+)>\\s*;\\s*rel=\"?next\"?");

	private final WebClient emnify;

	private final int perPage;

	private final Duration pageDelay;

	private final AtomicInteger requested = new AtomicInteger();

	Pages(WebClient emnify, int perPage, Duration pageDelay) {
		this.emnify = emnify;
		this.perPage = perPage;
		this.pageDelay = pageDelay;
	}

	<T> Flux<T> all(String path, Class<T> type) {
		ParameterizedTypeReference<List<T>> listType = ParameterizedTypeReference
			.forType(ResolvableType.forClassWithGenerics(List.class, type).getType());
		URI first = URI.create(path + "?page=1&per_page=" + this.perPage);
		return fetch(first, listType)
			.expand((page) -> next(page).map((uri) -> Mono.delay(this.pageDelay).then(fetch(uri, listType)))
				.orElse(Mono.empty()))
			.concatMapIterable((page) -> (page.getBody() != null) ? page.getBody() : List.of());
	}

	int requested() {
		return this.requested.get();
	}

	private <T> Mono<ResponseEntity<List<T>>> fetch(URI uri, ParameterizedTypeReference<List<T>> listType) {
		this.requested.incrementAndGet();
		return this.emnify.get().uri(uri.toString()).retrieve().toEntity(listType);
	}

	private static Optional<URI> next(ResponseEntity<?> page) {
		String links = page.getHeaders().getFirst("Link");
		if (links == null) {
			return Optional.empty();
		}
		Matcher matcher = NEXT.matcher(links);
		return matcher.find() ? Optional.of(URI.create(matcher.group(1))) : Optional.empty();
	}

}
