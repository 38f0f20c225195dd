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

package io.github.iotstarters.emnify.api;

import org.jspecify.annotations.Nullable;

/**
 * One item of the {@code errors} array with which emnify details a refused request,
 * usually a 422 whose outer {@code error_code} is 1400 {@code InputValidationFailed}.
 *
 * @param errorCode emnify's {@code error_code}, such as 1401, if the item carried one
 * @param errorToken emnify's {@code error_token}, such as {@code InvalidReference}, if
 * the item carried one
 * @param message emnify's text for the item, if it carried one
 */
public record EmnifyFieldError(@Nullable Integer errorCode, @Nullable String errorToken, @Nullable String message) {

}
