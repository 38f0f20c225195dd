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

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * emnify's answer to registering a batch of SIMs: {@code {"sim": [{"id": …, "iccid":
 * …}]}}, only the id and the ICCID of each SIM, although emnify documents full SIM
 * objects.
 *
 * @param sims the registered SIMs
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SimBatchRegistration(@JsonProperty("sim") @Nullable List<RegisteredSim> sims) {

	/**
	 * A SIM of a registered batch.
	 *
	 * @param id the SIM's id
	 * @param iccid the SIM's ICCID
	 */
	@JsonIgnoreProperties(ignoreUnknown = true)
	public record RegisteredSim(long id, @Nullable String iccid) {

	}

}
