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
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;

import io.github.iotstarters.emnify.api.model.Event;

/**
 * {@link ReactiveEmnifyEvents} called as {@link EmnifyEvents}, each method blocking on
 * its reactive twin, the paging included.
 */
final class BlockingReactiveEvents implements EmnifyEvents {

	private final ReactiveEmnifyEvents events;

	BlockingReactiveEvents(ReactiveEmnifyEvents events) {
		this.events = events;
	}

	@Override
	public ResponseEntity<List<Event>> listPage(@Nullable String q, @Nullable String sort, int page, int perPage) {
		return SimulatorClients.value(this.events.listPage(q, sort, page, perPage));
	}

	@Override
	public Stream<Event> all(EventQuery query, int perPage) {
		return SimulatorClients.value(this.events.all(query, perPage).collectList()).stream();
	}

	@Override
	public ResponseEntity<List<Event>> listPageOfEndpoint(long endpointId, @Nullable String q, @Nullable String sort,
			int page, int perPage) {
		return SimulatorClients.value(this.events.listPageOfEndpoint(endpointId, q, sort, page, perPage));
	}

	@Override
	public Stream<Event> allOfEndpoint(long endpointId, EventQuery query, int perPage) {
		return SimulatorClients.value(this.events.allOfEndpoint(endpointId, query, perPage).collectList()).stream();
	}

}
