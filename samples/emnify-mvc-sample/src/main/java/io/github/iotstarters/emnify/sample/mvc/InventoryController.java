package io.github.iotstarters.emnify.sample.mvc;

import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClient;

/**
 * Serves emnify's SIMs and endpoints, fetched with {@code emnifyRestClient}: the token
 * is obtained, shared, renewed and replayed after a 401 without this code noticing.
 */
@RestController
class InventoryController {

	private final RestClient emnify;

	InventoryController(@Qualifier("emnifyRestClient") RestClient emnify) {
		this.emnify = emnify;
	}

	@GetMapping("/sims")
	JsonNode sims(@RequestParam(defaultValue = "1") int page, @RequestParam(name = "per_page", defaultValue = "25") int perPage) {
		return this.emnify.get()
			.uri("/api/v1/sim?page={page}&per_page={perPage}", page, perPage)
			.retrieve()
			.body(JsonNode.class);
	}

	@GetMapping("/endpoints")
	JsonNode endpoints(@RequestParam(defaultValue = "1") int page, @RequestParam(name = "per_page", defaultValue = "25") int perPage) {
		return this.emnify.get()
			.uri("/api/v1/endpoint?page={page}&per_page={perPage}", page, perPage)
			.retrieve()
			.body(JsonNode.class);
	}

}
