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
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.annotation.HttpExchange;

import io.github.iotstarters.emnify.api.model.Event;

/**
 * emnify's events, of the organisation or of one endpoint, blocking, for a
 * {@code RestClient} that authenticates against emnify. {@link ReactiveEmnifyEvents} is
 * the same on a {@code WebClient}.
 */
@HttpExchange(url = "/api/v1", accept = "application/json")
public interface EmnifyEvents {

	/**
	 * Return one page of the organisation's events with emnify's paging headers;
	 * {@link #all(EventQuery, int)} walks them all.
	 * @param q the filter, see {@link EventQuery#q()}, {@code null} for none
	 * @param sort the order, {@code null} for ascending id
	 * @param page the page, from 1; past the last emnify answers the last
	 * @param perPage the page size
	 * @return the answer, its body the events of the page
	 */
	@GetExchange("/event")
	ResponseEntity<List<Event>> listPage(@RequestParam(required = false) @Nullable String q,
			@RequestParam(required = false) @Nullable String sort, @RequestParam int page,
			@RequestParam("per_page") int perPage);

	/**
	 * Return every event of the organisation matching a query, fetching a page only when
	 * the stream reaches it.
	 * @param query the filter and order
	 * @param perPage the page size
	 * @return the events, lazily
	 */
	default Stream<Event> all(EventQuery query, int perPage) {
		return EmnifyPaging.stream((page) -> listPage(query.q(), query.sort(), page, perPage));
	}

	/**
	 * Return one page of an endpoint's events with emnify's paging headers. emnify
	 * answers an unknown endpoint with an empty list, not with "not found".
	 * @param endpointId the endpoint's id
	 * @param q the filter, see {@link EventQuery#q()}, {@code null} for none
	 * @param sort the order, {@code null} for ascending id
	 * @param page the page, from 1; past the last emnify answers the last
	 * @param perPage the page size
	 * @return the answer, its body the events of the page
	 */
	@GetExchange("/endpoint/{endpointId}/event")
	ResponseEntity<List<Event>> listPageOfEndpoint(@PathVariable long endpointId,
			@RequestParam(required = false) @Nullable String q, @RequestParam(required = false) @Nullable String sort,
			@RequestParam int page, @RequestParam("per_page") int perPage);

	/**
	 * Return every event of an endpoint matching a query, fetching a page only when the
	 * stream reaches it.
	 * @param endpointId the endpoint's id
	 * @param query the filter and order
	 * @param perPage the page size
	 * @return the events, lazily
	 */
	default Stream<Event> allOfEndpoint(long endpointId, EventQuery query, int perPage) {
		return EmnifyPaging.stream((page) -> listPageOfEndpoint(endpointId, query.q(), query.sort(), page, perPage));
	}

}
