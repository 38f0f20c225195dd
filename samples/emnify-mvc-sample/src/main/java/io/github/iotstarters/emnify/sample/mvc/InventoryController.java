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

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

/**
 * Serves emnify's SIMs and endpoints, fetched with {@code emnifyRestClient}: the token is
 * obtained, shared, renewed and replayed after a 401 without this code noticing.
 */
@RestController
class InventoryController {

	private final RestClient emnify;

	InventoryController(@Qualifier("emnifyRestClient") RestClient emnify) {
		this.emnify = emnify;
	}

	@GetMapping("/sims")
	@Nullable JsonNode sims(@RequestParam(defaultValue = "1") int page,
			@RequestParam(name = "per_page", defaultValue = "25") int perPage) {
		return this.emnify.get()
			.uri("/api/v1/sim?page={page}&per_page={perPage}", page, perPage)
			.retrieve()
			.body(JsonNode.class);
	}

	@GetMapping("/endpoints")
	@Nullable JsonNode endpoints(@RequestParam(defaultValue = "1") int page,
			@RequestParam(name = "per_page", defaultValue = "25") int perPage) {
		return this.emnify.get()
			.uri("/api/v1/endpoint?page={page}&per_page={perPage}", page, perPage)
			.retrieve()
			.body(JsonNode.class);
	}

}
