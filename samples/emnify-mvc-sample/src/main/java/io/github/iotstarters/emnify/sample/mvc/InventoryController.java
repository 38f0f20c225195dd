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

package io.github.iotstarters.emnify.sample.mvc;

import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.github.iotstarters.emnify.api.EmnifyEndpoints;
import io.github.iotstarters.emnify.api.EmnifyNotFoundException;
import io.github.iotstarters.emnify.api.EmnifySims;
import io.github.iotstarters.emnify.api.ListQuery;
import io.github.iotstarters.emnify.api.model.Connectivity;
import io.github.iotstarters.emnify.api.model.Endpoint;
import io.github.iotstarters.emnify.api.model.Sim;

/**
 * Serves emnify's SIMs and endpoints, fetched with the typed clients on
 * {@code emnifyRestClient}: the token is obtained, shared, renewed and replayed after a
 * 401 without this code noticing.
 */
@RestController
class InventoryController {

	private final EmnifyEndpoints endpoints;

	private final EmnifySims sims;

	InventoryController(EmnifyEndpoints endpoints, EmnifySims sims) {
		this.endpoints = endpoints;
		this.sims = sims;
	}

	@GetMapping("/sims")
	List<Sim> sims(@RequestParam(defaultValue = "1") int page,
			@RequestParam(name = "per_page", defaultValue = "25") int perPage) {
		return items(this.sims.listPage(null, null, page, perPage));
	}

	@GetMapping("/endpoints")
	List<Endpoint> endpoints(@RequestParam(required = false) @Nullable String iccid,
			@RequestParam(defaultValue = "1") int page,
			@RequestParam(name = "per_page", defaultValue = "25") int perPage) {
		ListQuery query = (iccid != null) ? ListQuery.all().where("iccid", iccid) : ListQuery.all();
		return items(this.endpoints.listPage(query.q(), query.sort(), page, perPage));
	}

	@GetMapping("/endpoints/{id}")
	Endpoint endpoint(@PathVariable long id) {
		return this.endpoints.get(id);
	}

	@GetMapping("/endpoints/{id}/connectivity")
	Connectivity connectivity(@PathVariable long id) {
		return this.endpoints.connectivity(id);
	}

	// What emnify does not know, this service does not know either: a 404 of its own,
	// which names neither emnify's URL nor its error codes.
	@ExceptionHandler
	ProblemDetail notFound(EmnifyNotFoundException ex) {
		return ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "No such resource in emnify");
	}

	private static <T> List<T> items(ResponseEntity<List<T>> page) {
		List<T> items = page.getBody();
		return (items != null) ? items : List.of();
	}

}
