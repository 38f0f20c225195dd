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

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * How a {@code Retry-After} from emnify is read, for a login that failed and for a call
 * that emnify answered 429: delay-seconds or an HTTP date, as a pause from now of at most
 * a cap.
 */
public final class EmnifyRetryAfter {

	private static final Pattern DELAY_SECONDS = Pattern.compile("[0-9]+");

	private EmnifyRetryAfter() {
	}

	/**
	 * Read a {@code Retry-After} value, delay-seconds or an HTTP date, as a pause from
	 * now of at most {@code cap}; anything else, such as a negative number, counts as
	 * absent. Never throws: the value comes from the network.
	 * @param value the header value, if any
	 * @param now the current instant
	 * @param cap the longest pause returned
	 * @return the pause, or {@code null} when there is none or it cannot be read
	 */
	public static @Nullable Duration read(@Nullable String value, Instant now, Duration cap) {
		if (value == null) {
			return null;
		}
		String trimmed = value.trim();
		if (DELAY_SECONDS.matcher(trimmed).matches()) {
			// Longer than any long, or than the cap: the cap.
			boolean beyondCap = trimmed.length() > 18 || Long.parseLong(trimmed) > cap.toSeconds();
			return beyondCap ? cap : Duration.ofSeconds(Long.parseLong(trimmed));
		}
		try {
			Duration untilThen = Duration.between(now,
					ZonedDateTime.parse(trimmed, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
			return untilThen.isNegative() ? Duration.ZERO : ((untilThen.compareTo(cap) > 0) ? cap : untilThen);
		}
		catch (DateTimeException ex) {
			return null;
		}
	}

}
