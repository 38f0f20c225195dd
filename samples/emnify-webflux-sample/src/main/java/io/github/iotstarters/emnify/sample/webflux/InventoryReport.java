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

import java.io.PrintStream;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.CommandLineRunner;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;

import io.github.iotstarters.emnify.sample.webflux.Emnify.Endpoint;
import io.github.iotstarters.emnify.sample.webflux.Emnify.Sim;
import io.github.iotstarters.emnify.sample.webflux.Emnify.Status;

/**
 * Fetches all endpoints and SIMs and prints them as two tables.
 */
@Component
class InventoryReport implements CommandLineRunner {

	private final Pages pages;

	private final PrintStream out = System.out;

	InventoryReport(@Qualifier("emnifyWebClient") WebClient emnify, SampleProperties properties) {
		this.pages = new Pages(emnify, properties.perPage(), properties.pageDelay());
	}

	@Override
	public void run(String... args) {
		// Blocking is fine here: a CommandLineRunner runs on the main thread, not on an
		// event loop.
		List<Endpoint> endpoints = this.pages.all("/api/v1/endpoint", Endpoint.class)
			.collectList()
			.blockOptional()
			.orElseThrow();
		List<Sim> sims = this.pages.all("/api/v1/sim", Sim.class).collectList().blockOptional().orElseThrow();
		String endpointRow = "%-6s %-14s %-10s %-16s %s%n";
		this.out.printf(endpointRow, "ID", "ENDPOINT", "STATUS", "IP ADDRESS", "SIM ICCID");
		endpoints.forEach(
				(endpoint) -> this.out.printf(endpointRow, endpoint.id(), endpoint.name(), describe(endpoint.status()),
						orDash(endpoint.ipAddress()), (endpoint.sim() != null) ? endpoint.sim().iccid() : "-"));
		String simRow = "%-6s %-22s %-16s %-10s %s%n";
		this.out.printf(simRow, "ID", "ICCID", "IMSI", "STATUS", "ENDPOINT");
		sims.forEach((sim) -> this.out.printf(simRow, sim.id(), sim.iccid(), orDash(sim.imsi()), describe(sim.status()),
				(sim.endpoint() != null) ? sim.endpoint().name() : "-"));
		this.out.printf("Fetched %d endpoints and %d SIMs in %d pages.%n", endpoints.size(), sims.size(),
				this.pages.requested());
	}

	private static String describe(@Nullable Status status) {
		return (status != null) ? status.description() : "-";
	}

	private static String orDash(@Nullable String value) {
		return (value != null) ? value : "-";
	}

}
