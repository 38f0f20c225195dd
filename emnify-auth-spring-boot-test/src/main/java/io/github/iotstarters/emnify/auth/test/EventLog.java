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

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

/**
 * The events the business API raises, per workspace, oldest first. Ids start above 2^32,
 * as emnify's do, so that a client holding them in an {@code int} fails in tests.
 */
final class EventLog {

	static final long FIRST_ID = (1L << 32) + 1;

	private final Clock clock;

	private final List<Event> events = new ArrayList<>();

	EventLog(Clock clock) {
		this.clock = clock;
	}

	/**
	 * Records an event now, raised through the API with severity Info.
	 * @param workspaceId the workspace the event belongs to
	 * @param type the event type
	 * @param description the free text emnify writes
	 * @param endpoint the endpoint as events show it, or {@code null}
	 * @param sim the SIM as events show it, or {@code null}
	 */
	synchronized void record(long workspaceId, Type type, String description, @Nullable ObjectNode endpoint,
			@Nullable ObjectNode sim) {
		record(workspaceId, type, description, endpoint, sim, null);
	}

	/**
	 * Records an event now, raised through the API with severity Info, with the
	 * type-specific {@code detail} the reference shows for its type.
	 * @param workspaceId the workspace the event belongs to
	 * @param type the event type
	 * @param description the free text emnify writes
	 * @param endpoint the endpoint as events show it, or {@code null}
	 * @param sim the SIM as events show it, or {@code null}
	 * @param detail the detail, or {@code null} for emnify's empty {@code {}}
	 */
	synchronized void record(long workspaceId, Type type, String description, @Nullable ObjectNode endpoint,
			@Nullable ObjectNode sim, @Nullable ObjectNode detail) {
		this.events.add(new Event(FIRST_ID + this.events.size(), workspaceId, this.clock.instant().toEpochMilli(),
				type.id, type.description, 0, 2, description, endpoint, sim, detail));
	}

	/**
	 * Adds an event of any type, severity and source, as a test seeds it.
	 * @param event the event, whose id is replaced by the next one
	 */
	synchronized void add(Event event) {
		this.events.add(new Event(FIRST_ID + this.events.size(), event.workspaceId(), event.epochMillis(),
				event.typeId(), event.typeDescription(), event.severity(), event.source(), event.description(),
				event.endpoint(), event.sim(), event.detail()));
	}

	synchronized List<Event> of(long workspaceId) {
		return this.events.stream().filter((event) -> event.workspaceId() == workspaceId).toList();
	}

	synchronized void reset() {
		this.events.clear();
	}

	/**
	 * The event types the simulator raises itself, with emnify's ids and descriptions.
	 */
	enum Type {

		GENERIC(0, "Generic"), SIM_ACTIVATION(8, "SIM activation"), SIM_SUSPENSION(9, "SIM suspension"),
		ENDPOINT_ENABLED(42, "Endpoint enabled"), ENDPOINT_DISABLED(43, "Endpoint disabled"),
		SIM_FACTORY_TEST(45, "SIM factory test"), SIM_REGISTRATION(48, "SIM registration"),
		SIM_RELEASED(50, "SIM Released"), SIM_ASSIGNED(51, "SIM Assigned"),
		DATA_QUOTA_ASSIGNED(56, "Data quota assigned"), DATA_QUOTA_DELETED(57, "Data quota deleted"),
		SMS_QUOTA_ASSIGNED(58, "SMS quota assigned"), SMS_QUOTA_DELETED(59, "SMS quota deleted");

		private final int id;

		private final String description;

		Type(int id, String description) {
			this.id = id;
			this.description = description;
		}

	}

	/**
	 * One event.
	 *
	 * @param id the 64-bit id
	 * @param workspaceId the workspace it belongs to
	 * @param epochMillis when it happened
	 * @param typeId the {@code event_type} id
	 * @param typeDescription the {@code event_type} description
	 * @param severity the {@code event_severity} id: 0 Info, 1 Warn, 2 Critical
	 * @param source the {@code event_source} id: 0 Network, 1 Policy Control, 2 API
	 * @param description the free text
	 * @param endpoint the endpoint as the event shows it, or {@code null}
	 * @param sim the SIM as the event shows it, or {@code null}
	 * @param detail the type-specific detail, or {@code null} for an empty one
	 */
	record Event(long id, long workspaceId, long epochMillis, int typeId, String typeDescription, int severity,
			int source, String description, @Nullable ObjectNode endpoint, @Nullable ObjectNode sim,
			@Nullable ObjectNode detail) {
	}

}
