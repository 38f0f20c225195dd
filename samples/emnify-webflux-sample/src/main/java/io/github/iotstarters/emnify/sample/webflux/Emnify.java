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

import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * The parts of emnify's endpoint and SIM answers that the report shows.
 */
final class Emnify {

	private Emnify() {
	}

	record Status(long id, String description) {

	}

	record SimReference(long id, String iccid) {

	}

	record EndpointReference(long id, String name) {

	}

	record Endpoint(long id, String name, @Nullable Status status,
			@JsonProperty("ip_address") @Nullable String ipAddress, @Nullable SimReference sim) {

	}

	record Sim(long id, String iccid, @Nullable String imsi, @Nullable Status status,
			@Nullable EndpointReference endpoint) {

	}

}
