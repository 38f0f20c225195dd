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
import tools.jackson.databind.annotation.JsonDeserialize;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * A batch of SIMs, as emnify answers the validation of its BIC. emnify quotes most of its
 * numbers; they are read as numbers.
 *
 * @param id the batch's id
 * @param bic the batch identification code
 * @param quantity the number of SIMs in the batch
 * @param simModelId the id of the SIMs' model
 * @param customerOrgId the customer organisation's id, {@code null} before registration
 * @param resellerOrgId the reselling organisation's id
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record SimBatch(long id, @Nullable String bic,
		@JsonDeserialize(using = EmnifyLongDeserializer.class) @Nullable Long quantity,
		@JsonDeserialize(using = EmnifyLongDeserializer.class) @Nullable Long simModelId,
		@JsonDeserialize(using = EmnifyLongDeserializer.class) @Nullable Long customerOrgId,
		@JsonDeserialize(using = EmnifyLongDeserializer.class) @Nullable Long resellerOrgId) {

}
