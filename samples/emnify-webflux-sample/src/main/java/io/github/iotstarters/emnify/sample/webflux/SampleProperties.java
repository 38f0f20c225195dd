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

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What the sample reports on.
 *
 * @param perPage entries per page of the endpoint and SIM lists; emnify allows up to
 * 1,000 endpoints and 2,500 SIMs
 * @param iccid ICCID of the SIM of a device to look up, none for no device
 * @param smsCommand SMS sent to that device, none for no SMS; emnify charges for it
 */
@ConfigurationProperties("sample")
public record SampleProperties(@DefaultValue("100") int perPage, @Nullable String iccid, @Nullable String smsCommand) {

}
