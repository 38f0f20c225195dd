package io.github.iotstarters.emnify.sample.webflux;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * The parts of emnify's endpoint and SIM answers that the report shows.
 */
final class Emnify {

	private Emnify() {
	}

	record Status(long id, String description) {

	}

	record SimReference(long id, String iccid) {

	}

	record EndpointReference(long id, String name) {

	}

	record Endpoint(long id, String name, @Nullable Status status, @JsonProperty("ip_address") @Nullable String ipAddress,
			@Nullable SimReference sim) {

	}

	record Sim(long id, String iccid, @Nullable String imsi, @Nullable Status status,
			@Nullable EndpointReference endpoint) {

	}

}
