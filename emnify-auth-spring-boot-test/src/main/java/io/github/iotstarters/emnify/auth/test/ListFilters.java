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

package io.github.iotstarters.emnify.auth.test;

import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * The {@code q} fields the endpoint and SIM lists filter on, and how each matches: ids
 * and statuses exactly, names, tags and ICCIDs in part, IMEIs by prefix. Fields the
 * reference lists but the simulator cannot answer, such as dates, {@code eid} or the
 * organisations of a SIM, are refused with 422 as unknown ones.
 */
final class ListFilters {

	static final Set<String> ENDPOINT_FIELDS = Set.of("id", "status", "service_profile", "tariff_profile", "name",
			"tags", "imei", "iccid", "iccid_with_luhn", "ip_address", "sim_status");

	static final Set<String> SIM_FIELDS = Set.of("id", "status", "iccid", "iccid_with_luhn", "imsi", "endpoint");

	private ListFilters() {
	}

	/**
	 * Whether an endpoint matches one filter.
	 * @param endpoint the endpoint
	 * @param sim its SIM, or {@code null}
	 * @param field a field of {@link #ENDPOINT_FIELDS}
	 * @param values the alternatives
	 * @return whether one alternative matches
	 */
	static boolean matches(SimulatedEndpoint endpoint, @Nullable SimulatedSim sim, String field, List<String> values) {
		return switch (field) {
			case "id" -> values.contains(Long.toString(endpoint.id()));
			case "status" -> values.contains(Integer.toString(endpoint.status().id()));
			case "service_profile" -> values.contains(Long.toString(endpoint.serviceProfileId()));
			case "tariff_profile" -> values.contains(Long.toString(endpoint.tariffProfileId()));
			case "name" -> ListQuery.containsAny(endpoint.name(), values);
			case "tags" -> ListQuery.containsAny(endpoint.tags(), values);
			case "ip_address" -> values.contains(endpoint.ipAddress());
			case "imei" -> endpoint.imei() != null && values.stream().anyMatch(endpoint.imei()::startsWith);
			case "sim_status" -> sim != null && values.contains(Integer.toString(sim.status().id()));
			// The simulator's ICCIDs carry their Luhn digit: both fields match them.
			default -> sim != null && values.stream().anyMatch(sim.iccid()::startsWith);
		};
	}

	/**
	 * Whether a SIM matches one filter.
	 * @param sim the SIM
	 * @param field a field of {@link #SIM_FIELDS}
	 * @param values the alternatives
	 * @return whether one alternative matches
	 */
	static boolean matches(SimulatedSim sim, String field, List<String> values) {
		return switch (field) {
			case "id" -> values.contains(Long.toString(sim.id()));
			case "status" -> values.contains(Integer.toString(sim.status().id()));
			case "iccid", "iccid_with_luhn" -> ListQuery.containsAny(sim.iccid(), values);
			case "imsi" -> ListQuery.containsAny(sim.imsi(), values);
			default -> sim.endpointId() != null && values.contains(Long.toString(sim.endpointId()));
		};
	}

}
