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

package io.github.iotstarters.emnify.auth;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * What an {@link EmnifyTokenStore} reports of itself.
 *
 * @param type the kind of store, such as {@code memory} or {@code redis}
 * @param shared whether the session is shared with other instances right now
 * @param unavailableSince when a shared store stopped answering, if it does not now
 * @param error why it stopped answering, if it does not now
 */
public record EmnifyTokenStoreStatus(String type, boolean shared, @Nullable Instant unavailableSince,
		@Nullable String error) {

}
