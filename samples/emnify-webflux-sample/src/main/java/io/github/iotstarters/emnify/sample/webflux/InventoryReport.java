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
import java.math.BigDecimal;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.CommandLineRunner;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import io.github.iotstarters.emnify.api.EmnifyNotFoundException;
import io.github.iotstarters.emnify.api.ListQuery;
import io.github.iotstarters.emnify.api.ReactiveEmnifyEndpoints;
import io.github.iotstarters.emnify.api.ReactiveEmnifySims;
import io.github.iotstarters.emnify.api.model.Connectivity;
import io.github.iotstarters.emnify.api.model.Endpoint;
import io.github.iotstarters.emnify.api.model.EndpointStats;
import io.github.iotstarters.emnify.api.model.Quota;
import io.github.iotstarters.emnify.api.model.SmsSend;
import io.github.iotstarters.emnify.api.model.TrafficUsage;

/**
 * Lists every endpoint and SIM, printing each page as it comes, then looks up one device
 * by the ICCID of its SIM: its connectivity, an SMS command and what became of it, its
 * usage this month and its data quota.
 */
@Component
class InventoryReport implements CommandLineRunner {

	private static final String ENDPOINT_ROW = "%-6s %-14s %-10s %-16s %s%n";

	private static final String SIM_ROW = "%-6s %-22s %-16s %-12s %s%n";

	private final ReactiveEmnifyEndpoints endpoints;

	private final ReactiveEmnifySims sims;

	private final SampleProperties properties;

	private final PrintStream out = System.out;

	InventoryReport(ReactiveEmnifyEndpoints endpoints, ReactiveEmnifySims sims, SampleProperties properties) {
		this.endpoints = endpoints;
		this.sims = sims;
		this.properties = properties;
	}

	@Override
	public void run(String... args) {
		// Blocking is fine here: a CommandLineRunner runs on the main thread, not on an
		// event loop.
		endpointTable().then(simTable()).then(device()).block();
	}

	private Mono<Void> endpointTable() {
		return Mono.fromRunnable(() -> this.out.printf(ENDPOINT_ROW, "ID", "ENDPOINT", "STATUS", "IP ADDRESS", "SIM"))
			.thenMany(this.endpoints.all(ListQuery.all(), this.properties.perPage()))
			.doOnNext((endpoint) -> this.out.printf(ENDPOINT_ROW, endpoint.id(), orDash(endpoint.name()),
					orDash(endpoint.status()), orDash(endpoint.ipAddress()),
					orDash((endpoint.sim() != null) ? endpoint.sim().iccid() : null)))
			.count()
			.doOnNext((count) -> this.out.printf("%d endpoints%n%n", count))
			.then();
	}

	private Mono<Void> simTable() {
		return Mono.fromRunnable(() -> this.out.printf(SIM_ROW, "ID", "ICCID", "IMSI", "STATUS", "ENDPOINT"))
			.thenMany(this.sims.all(ListQuery.all(), this.properties.perPage()))
			.doOnNext((sim) -> this.out.printf(SIM_ROW, sim.id(), orDash(sim.iccid()), orDash(sim.imsi()),
					orDash(sim.status()), orDash((sim.endpoint() != null) ? sim.endpoint().name() : null)))
			.count()
			.doOnNext((count) -> this.out.printf("%d SIMs%n%n", count))
			.then();
	}

	private Mono<Void> device() {
		String iccid = this.properties.iccid();
		if (iccid == null) {
			return Mono.empty();
		}
		// emnify's q filter finds a device by what its owner knows of it: the ICCID
		// printed on the SIM, or its IMEI.
		return this.endpoints.all(ListQuery.all().where("iccid", iccid), 1)
			.next()
			.flatMap(this::reportOn)
			.switchIfEmpty(Mono.fromRunnable(() -> this.out.printf("No endpoint has the SIM %s%n", iccid)))
			.then();
	}

	private Mono<Endpoint> reportOn(Endpoint endpoint) {
		long id = endpoint.id();
		this.out.printf("Device with SIM %s: endpoint %d %s, IMEI %s%n", this.properties.iccid(), id,
				orDash(endpoint.name()), orDash(endpoint.imei()));
		return smsCommand(id).then(Mono.zip(this.endpoints.connectivity(id), this.endpoints.stats(id), dataQuota(id)))
			.doOnNext((device) -> {
				Connectivity connectivity = device.getT1();
				this.out.printf("  connectivity: %s, services %s%n", orDash(connectivity.status()),
						orDash(connectivity.services()));
				EndpointStats.Month month = device.getT2().currentMonth();
				this.out.printf("  this month: %s MB of data, %s SMS%n", volume((month != null) ? month.data() : null),
						volume((month != null) ? month.sms() : null));
				this.out.printf("  data quota: %s%n", device.getT3());
			})
			.thenReturn(endpoint);
	}

	private Mono<Void> smsCommand(long endpointId) {
		String command = this.properties.smsCommand();
		if (command == null) {
			return Mono.empty();
		}
		return this.endpoints.sendSms(endpointId, SmsSend.of(command))
			.flatMap((smsId) -> this.endpoints.sms(endpointId, smsId))
			.doOnNext((sms) -> this.out.printf("  SMS %d \"%s\": %s%n", sms.id(), command, orDash(sms.status())))
			.then();
	}

	// emnify answers 404 for an endpoint without a data quota.
	private Mono<String> dataQuota(long endpointId) {
		return this.endpoints.dataQuota(endpointId)
			.map(InventoryReport::describe)
			.onErrorResume(EmnifyNotFoundException.class, (ex) -> Mono.just("none"));
	}

	private static String describe(Quota quota) {
		return orDash(quota.status()) + ", " + orDash(quota.volume()) + " MB left, expires "
				+ orDash(quota.expiryDate());
	}

	private static String volume(@Nullable TrafficUsage usage) {
		BigDecimal volume = (usage != null) ? usage.volume() : null;
		return (volume != null) ? volume.stripTrailingZeros().toPlainString() : "0";
	}

	private static String orDash(@Nullable Object value) {
		return Objects.toString(value, "-");
	}

}
