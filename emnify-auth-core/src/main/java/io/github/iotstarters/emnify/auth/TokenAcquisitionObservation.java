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

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * The observation {@code emnify.auth.token.acquisition} of one renewal: a child of the
 * caller that waits for it, so a trace shows who waited for a login, and no parent for a
 * renewal ahead of expiry, which keeps nobody waiting. An {@code ObservationHandler} that
 * throws is logged and never fails or delays the renewal.
 */
final class TokenAcquisitionObservation {

	private static final Log logger = LogFactory.getLog(TokenAcquisitionObservation.class);

	static final String NAME = "emnify.auth.token.acquisition";

	private TokenAcquisitionObservation() {
	}

	/**
	 * Start the observation of a renewal.
	 * @param registry where observations go
	 * @param caller the observation of the caller that waits for the renewal, if any
	 * @return the started observation, or a no-op one if a handler failed
	 */
	static Observation start(ObservationRegistry registry, @Nullable Observation caller) {
		try {
			return Observation.createNotStarted(NAME, registry)
				.contextualName("emnify token acquisition")
				.parentObservation(caller)
				.lowCardinalityKeyValue("mode", (caller != null) ? "inline" : "ahead")
				.start();
		}
		catch (RuntimeException ex) {
			logger.warn("An ObservationHandler failed to start the emnify token acquisition observation; "
					+ "the renewal goes on without it", ex);
			return Observation.NOOP;
		}
	}

	/**
	 * Stop the observation of a renewal with its outcome.
	 * @param acquisition the observation
	 * @param failure how the renewal failed, if it did
	 */
	static void stop(Observation acquisition, @Nullable Throwable failure) {
		try {
			acquisition.lowCardinalityKeyValue("outcome", (failure != null) ? "error" : "success");
			if (failure != null) {
				acquisition.error(failure);
			}
			acquisition.stop();
		}
		catch (RuntimeException ex) {
			logger.warn("An ObservationHandler failed to stop the emnify token acquisition observation; "
					+ "the renewal's outcome reaches its callers all the same", ex);
		}
	}

}
