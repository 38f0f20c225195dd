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
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The body that registers a batch of SIMs in the caller's organisation, all with one
 * status: {@code {"sim_status": {"id": 1}}}. Activated SIMs are billed; factory test is
 * allowed only when the tariff plan permits it.
 *
 * @param simStatus the status of the registered SIMs
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SimBatchRegister(@JsonProperty("sim_status") SimStatus simStatus) {

}
