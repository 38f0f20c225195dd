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
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * The SIM assigned to an endpoint, as the endpoint's answer carries it.
 *
 * @param id the SIM's id
 * @param iccid the ICCID, 19 digits without the Luhn digit
 * @param iccidWithLuhn the ICCID with its Luhn digit, absent from older answers
 * @param imsi the IMSI
 * @param msisdn the MSISDN
 * @param status the SIM's status
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record EndpointSim(long id, @Nullable String iccid, @Nullable String iccidWithLuhn, @Nullable String imsi,
		@Nullable String msisdn, @Nullable SimStatus status) {

}
