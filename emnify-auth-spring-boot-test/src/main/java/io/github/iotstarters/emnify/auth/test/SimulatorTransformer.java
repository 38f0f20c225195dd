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

package io.github.iotstarters.emnify.auth.test;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.RequestMethod;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

import io.github.iotstarters.emnify.auth.test.SimulatorEvent.Kind;
import io.github.iotstarters.emnify.auth.test.SimulatorFaults.Area;
import io.github.iotstarters.emnify.auth.test.SimulatorFaults.Malfunction;

/**
 * The WireMock extension that answers every request: it injects switched-on faults,
 * refuses requests over emnify's API rate limits, routes the others to the authentication
 * or business rules, and records counters and the journal.
 */
final class SimulatorTransformer implements ResponseDefinitionTransformerV2 {

	static final String NAME = "emnify-simulator";

	static final String AUTHENTICATE = "/api/v1/authenticate";

	private static final String SWITCH_WORKSPACE = "/api/v1/authenticate/workspace";

	private static final Logger logger = System.getLogger(EmnifySimulator.class.getName());

	private final Authentication authentication;

	private final BusinessApi businessApi;

	private final ApiRateLimits apiRateLimits;

	private final SimulatorFaults faults;

	private final SimulatorCounters counters;

	private final Journal journal;

	private final Responses responses;

	private final Clock clock;

	SimulatorTransformer(Authentication authentication, BusinessApi businessApi, ApiRateLimits apiRateLimits,
			SimulatorFaults faults, SimulatorCounters counters, Journal journal, Responses responses, Clock clock) {
		this.authentication = authentication;
		this.businessApi = businessApi;
		this.apiRateLimits = apiRateLimits;
		this.faults = faults;
		this.counters = counters;
		this.journal = journal;
		this.responses = responses;
		this.clock = clock;
	}

	@Override
	public String getName() {
		return NAME;
	}

	@Override
	public boolean applyGlobally() {
		return false;
	}

	@Override
	public ResponseDefinition transform(ServeEvent serveEvent) {
		Request request = serveEvent.getRequest();
		String url = request.getUrl();
		String path = url.contains("?") ? url.substring(0, url.indexOf('?')) : url;
		Area area = (path.equals(AUTHENTICATE) || path.equals(SWITCH_WORKSPACE)) ? Area.AUTHENTICATE : Area.API;
		this.counters.request(area == Area.AUTHENTICATE);
		Malfunction malfunction = this.faults.take(area);
		Outcome outcome = (malfunction != null) ? faulted(malfunction, area, path) : answer(request, path);
		record(outcome);
		Duration delay = this.faults.delay(area);
		if (delay.isZero()) {
			return outcome.response();
		}
		return ResponseDefinitionBuilder.like(outcome.response()).withFixedDelay((int) delay.toMillis()).build();
	}

	private Outcome answer(Request request, String path) {
		try {
			Outcome refusal = this.apiRateLimits.refusal(request, path);
			if (refusal != null) {
				return refusal;
			}
			if (path.equals(AUTHENTICATE) && RequestMethod.POST.equals(request.getMethod())) {
				return this.authentication.authenticate(request);
			}
			if (path.equals(SWITCH_WORKSPACE) && RequestMethod.POST.equals(request.getMethod())) {
				return this.authentication.switchWorkspace(request);
			}
			return this.businessApi.handle(request, path);
		}
		catch (RuntimeException ex) {
			logger.log(Level.DEBUG, "Simulator failed to answer " + request.getMethod() + " " + path, ex);
			return new Outcome(Kind.API_REQUEST, Outcome.UNKNOWN_PRINCIPAL, "simulator error",
					this.responses.json(500, this.responses.object().put("message", "Simulator error")).build());
		}
	}

	private Outcome faulted(Malfunction malfunction, Area area, String path) {
		ResponseDefinitionBuilder response = ResponseDefinitionBuilder.responseDefinition();
		String description = switch (malfunction.type()) {
			case STATUS -> {
				response.withStatus(malfunction.status())
					.withHeader(Responses.CONTENT_TYPE, Responses.APPLICATION_JSON)
					.withBody("{\"message\":\"Simulated failure\"}");
				yield "status " + malfunction.status();
			}
			case CONNECTION_RESET -> {
				response.withFault(Fault.CONNECTION_RESET_BY_PEER);
				yield "connection reset";
			}
			case EMPTY_REPLY -> {
				response.withFault(Fault.EMPTY_RESPONSE);
				yield "empty reply";
			}
			case MALFORMED_JSON -> {
				response.withStatus(200)
					.withHeader(Responses.CONTENT_TYPE, Responses.APPLICATION_JSON)
					.withBody((area == Area.AUTHENTICATE) ? "{\"auth_token\": \"eyJ" : "[{\"id\": 1, \"na");
				yield "malformed JSON";
			}
			case HTML -> {
				response.withStatus(502)
					.withHeader(Responses.CONTENT_TYPE, "text/html")
					.withBody("<html><head><title>502 Bad Gateway</title></head>"
							+ "<body><h1>502 Bad Gateway</h1></body></html>");
				yield "HTML page";
			}
			case OK_WITHOUT_AUTH_TOKEN -> {
				response.withStatus(200).withHeader(Responses.CONTENT_TYPE, Responses.APPLICATION_JSON).withBody("{}");
				yield "200 without auth_token";
			}
		};
		return new Outcome(Kind.FAULT, Outcome.UNKNOWN_PRINCIPAL, description + " for " + path, response.build());
	}

	private void record(Outcome outcome) {
		int status = (outcome.response().getFault() != null) ? 0 : outcome.response().getStatus();
		SimulatorEvent event = new SimulatorEvent(this.clock.instant(), outcome.kind(), outcome.principal(), status,
				outcome.outcome());
		this.counters.record(outcome.kind(), status);
		if (Outcome.REFRESH_TOKEN_REUSED.equals(outcome.outcome())) {
			this.counters.reusedRefreshToken();
		}
		this.journal.add(event);
		logger.log(Level.DEBUG, () -> "emnify simulator: " + event.kind() + " by " + event.principal() + " -> "
				+ event.status() + " " + event.outcome());
	}

}
