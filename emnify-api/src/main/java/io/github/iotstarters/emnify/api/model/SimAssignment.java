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

package io.github.iotstarters.emnify.api.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * The SIM to assign to an endpoint in a request body. emnify un-assigns the SIM when it
 * receives {@code {"sim": {"id": null}}}, so the id is always sent, even when it is
 * {@code null}.
 *
 * @param id the SIM's id, {@code null} to un-assign the SIM
 * @param activate whether to activate the SIM on assignment (activated SIMs are billed);
 * {@code null} leaves emnify's default, which its sources disagree on
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SimAssignment(@JsonInclude(JsonInclude.Include.ALWAYS) @Nullable Long id, @Nullable Boolean activate) {

	/**
	 * Assign a SIM without saying whether to activate it.
	 * @param simId the SIM's id
	 * @return the assignment
	 */
	public static SimAssignment of(long simId) {
		return new SimAssignment(simId, null);
	}

	/**
	 * Un-assign the endpoint's SIM.
	 * @return the assignment that emnify reads as "no SIM"
	 */
	public static SimAssignment none() {
		return new SimAssignment(null, null);
	}

}
