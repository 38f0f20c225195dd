package io.github.iotstarters.emnify.auth.test;

import com.github.tomakehurst.wiremock.http.ResponseDefinition;

import io.github.iotstarters.emnify.auth.test.SimulatorEvent.Kind;

/**
 * The answer to a request together with what the journal records about it.
 *
 * @param kind what the request was
 * @param principal who asked, never a secret
 * @param outcome short description for the journal, never a secret
 * @param response the answer
 */
record Outcome(Kind kind, String principal, String outcome, ResponseDefinition response) {

	static final String UNKNOWN_PRINCIPAL = "-";

}
