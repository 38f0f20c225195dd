package io.github.iotstarters.emnify.auth.test;

import com.github.tomakehurst.wiremock.http.ResponseDefinition;

/**
 * Ends the handling of a request early with an error answer; the handler that catches it
 * knows what kind of request it was and who asked.
 */
final class Rejection extends RuntimeException {

	private final String reason;

	private final transient ResponseDefinition response;

	Rejection(String reason, ResponseDefinition response) {
		super(reason, null, false, false);
		this.reason = reason;
		this.response = response;
	}

	Outcome toOutcome(SimulatorEvent.Kind kind, String principal) {
		return new Outcome(kind, principal, this.reason, this.response);
	}

}
