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
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * The body that changes a SIM. Only the fields set are sent. Which fields a caller may
 * change depends on its organisation: customers only the status.
 *
 * @param status the new status; activating makes the SIM billed
 * @param issuerOrg the new issuing organisation
 * @param resellerOrg the new reselling organisation
 * @param customerOrg the new customer organisation
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record SimUpdate(@Nullable SimStatus status, @Nullable Reference issuerOrg, @Nullable Reference resellerOrg,
		@Nullable Reference customerOrg) {

	/**
	 * Make the body.
	 * @throws IllegalArgumentException if a lookup is an {@code UNKNOWN}, which names no
	 * value emnify would take
	 */
	public SimUpdate {
		Lookups.sendable(status);
	}

	/**
	 * Change only the status.
	 * @param status the new status
	 * @return the body
	 */
	public static SimUpdate status(SimStatus status) {
		return new SimUpdate(status, null, null, null);
	}

}
