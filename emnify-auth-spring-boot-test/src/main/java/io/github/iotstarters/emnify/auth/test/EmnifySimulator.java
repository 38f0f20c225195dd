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

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * A stateful stand-in for the emnify REST API, served by WireMock on 127.0.0.1. It
 * follows emnify's authentication rules (application tokens, user credentials with SHA-1
 * password, MFA with TOTP and trusted devices, the MFA key and trusted-device endpoints,
 * single-use refresh tokens, workspace switches, lockout after three failed logins, rate
 * limit of {@code /api/v1/authenticate}), enforces emnify's API rate limits, serves paged
 * endpoint and SIM lists and SIM migration, and can inject faults.
 *
 * <pre class="code">
 * try (EmnifySimulator simulator = EmnifySimulator.builder()
 *         .workspace(100, "Production")
 *         .applicationToken("app-token", 100)
 *         .user("ops@example.org", "secret", 100)
 *         .build()
 *         .start()) {
 *     String baseUrl = simulator.baseUrl();
 *     // point the client under test at baseUrl
 * }
 * </pre>
 *
 * Thread-safe. All time comes from the {@link EmnifySimulatorBuilder#clock(Clock) clock},
 * so tests move time instead of sleeping, except for the
 * {@link EmnifySimulatorBuilder#apiRateLimits(boolean) API rate limits}, which run on
 * real time. For JUnit 5 see {@link EmnifySimulatorExtension}.
 */
public final class EmnifySimulator implements AutoCloseable {

	private final @Nullable DefaultCredential defaultCredential;

	private final Map<String, LocalMailbox> mailboxes;

	private final Authentication authentication;

	private final Inventory inventory;

	private final EventLog events;

	private final EndpointApi endpointApi;

	private final SmsApi smsApi;

	private final SimChanges simChanges;

	private final Clock clock;

	private final SimBatchApi simBatchApi;

	private final UsageApi usageApi;

	private final ApiRateLimits apiRateLimits;

	private final SimulatorFaults faults = new SimulatorFaults();

	private final SimulatorCounters counters = new SimulatorCounters();

	private final Journal journal = new Journal();

	private final SimulatorServer server;

	EmnifySimulator(EmnifySimulatorBuilder builder, Accounts accounts, @Nullable DefaultCredential defaultCredential) {
		this.defaultCredential = defaultCredential;
		this.mailboxes = builder.accounts.mailboxes();
		SimulatorSettings settings = new SimulatorSettings(builder.clock, builder.authTokenLifetime,
				builder.refreshTokenLifetime, builder.authenticateRateLimit, builder.authenticateRateWindow,
				builder.retryAfterHeader, builder.gatewayUnauthorizedResponses, builder.refreshTokenRotation);
		JsonMapper jsonMapper = JsonMapper.builder().build();
		Responses responses = new Responses(jsonMapper);
		JwtCodec jwtCodec = new JwtCodec(jsonMapper);
		UserStates userStates = new UserStates(accounts);
		TokenIssuer tokens = new TokenIssuer(accounts, settings, jwtCodec, responses);
		this.authentication = new Authentication(accounts, userStates, tokens, jwtCodec, settings, responses);
		this.inventory = new Inventory(accounts.workspaces(), responses);
		this.events = new EventLog(builder.clock);
		SimChanges simChanges = new SimChanges(this.inventory, this.events, responses, builder.clock);
		this.endpointApi = new EndpointApi(tokens, this.inventory, simChanges, responses, builder.clock);
		this.simChanges = simChanges;
		this.clock = builder.clock;
		this.simBatchApi = new SimBatchApi(tokens, this.inventory, this.events, responses, builder.clock);
		this.smsApi = new SmsApi(tokens, this.inventory, responses, builder.clock);
		this.usageApi = new UsageApi(tokens, this.inventory, this.smsApi, simChanges, this.events, responses,
				builder.clock);
		BusinessApi businessApi = new BusinessApi(accounts, tokens, this.inventory, responses,
				new MfaApi(tokens, new UserMfa(userStates), responses, settings),
				List.of(this.endpointApi::handle, this.smsApi::handle, this.usageApi::handle,
						new SimApi(tokens, this.inventory, simChanges, responses)::handle,
						new EventApi(tokens, accounts, this.events, responses)::handle, this.simBatchApi::handle));
		this.apiRateLimits = new ApiRateLimits(builder, tokens, responses, this.counters);
		this.server = new SimulatorServer(builder.port, new SimulatorTransformer(this.authentication, businessApi,
				this.apiRateLimits, this.faults, this.counters, this.journal, responses, builder.clock));
	}

	/**
	 * Starts describing a simulator.
	 * @return a new builder
	 */
	public static EmnifySimulatorBuilder builder() {
		return new EmnifySimulatorBuilder();
	}

	/**
	 * Starts serving on 127.0.0.1 and the configured port. A stopped simulator can be
	 * started again; with the dynamic port it may get another port.
	 * @return this simulator
	 * @throws IllegalStateException if it is already running
	 */
	public synchronized EmnifySimulator start() {
		this.server.start();
		return this;
	}

	/**
	 * Stops serving; state stays as it is. Does nothing if the simulator is not running.
	 */
	public synchronized void stop() {
		this.server.stop();
	}

	/**
	 * Same as {@link #stop()}.
	 */
	@Override
	public void close() {
		stop();
	}

	/**
	 * Whether the simulator is serving.
	 * @return {@code true} between {@link #start()} and {@link #stop()}
	 */
	public synchronized boolean isRunning() {
		return this.server.isRunning();
	}

	/**
	 * The port the simulator listens on.
	 * @return the port, resolved if the dynamic port was configured
	 * @throws IllegalStateException if the simulator is not running
	 */
	public synchronized int port() {
		return this.server.port();
	}

	/**
	 * Base URL to configure clients with, such as {@code http://127.0.0.1:54321}, without
	 * a trailing slash.
	 * @return the base URL
	 * @throws IllegalStateException if the simulator is not running
	 */
	public String baseUrl() {
		return SimulatorServer.baseUrl(port());
	}

	/**
	 * Switches for faults that test a client's resilience.
	 * @return the fault switches
	 */
	public SimulatorFaults faults() {
		return this.faults;
	}

	/**
	 * Live counts of logins, refreshes, switches, requests, rejections and faults.
	 * @return the counters
	 */
	public SimulatorCounters counters() {
		return this.counters;
	}

	/**
	 * Requests answered since the last reset, oldest first, at most the latest 10,000.
	 * @return a snapshot of the journal
	 */
	public List<SimulatorEvent> journal() {
		return this.journal.events();
	}

	/**
	 * Returns to the state right after {@link EmnifySimulatorBuilder#build()}: forgets
	 * all issued tokens, MFA codes used, MFA keys created or activated, trusted devices,
	 * failed logins and lockouts, the rate-limit window of logins, SIM migrations and
	 * every change to endpoints and SIMs, SMS, quotas, the events raised, the devices set
	 * online, faults, counters and the journal, and refills the buckets of the API rate
	 * limits. The simulator keeps running on its port.
	 */
	public void reset() {
		reset(false);
	}

	/**
	 * Like {@link #reset()}, but issued auth and refresh tokens stay valid. This is what
	 * {@link EmnifySimulatorExtension} does before each test: an application context that
	 * Spring's test framework caches across tests keeps its emnify session, so no test
	 * pays a 401 and a new login for the previous one.
	 */
	public void resetKeepingSessions() {
		reset(true);
	}

	private void reset(boolean keepSessions) {
		this.faults.clear();
		this.authentication.reset(keepSessions);
		this.inventory.reset();
		this.events.reset();
		this.endpointApi.reset();
		this.smsApi.reset();
		this.simBatchApi.reset();
		this.usageApi.reset();
		this.apiRateLimits.reset();
		this.counters.reset();
		this.journal.clear();
	}

	/**
	 * Sets a device ONLINE, as {@code GET /api/v1/endpoint/{id}/connectivity} then
	 * answers: service {@code GPRS}, a {@code location} in Germany and a 4G
	 * {@code pdp_context}; or OFFLINE again, emnify's answer for a device never seen.
	 * {@link #reset()} sets every device OFFLINE.
	 * @param endpointId the endpoint of the device
	 * @param online whether the device is online
	 */
	public void deviceOnline(long endpointId, boolean online) {
		this.endpointApi.online(endpointId, online);
	}

	/**
	 * Puts a SIM in any status, without emnify's transition rules, as a SIM found so by a
	 * test: {@code 3} Deleted or {@code 4} Factory Test, say. Forgotten by
	 * {@link #reset()}.
	 * @param simId the SIM, of any workspace
	 * @param statusId the status id: 0 Issued, 1 Activated, 2 Suspended, 3 Deleted, 4
	 * Factory Test
	 * @throws IllegalArgumentException for an unknown SIM or status
	 */
	public void simStatus(long simId, int statusId) {
		Inventory.Status status = Inventory.SIM_STATUSES.stream()
			.filter((candidate) -> candidate.id() == statusId)
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException("emnify has no SIM status " + statusId));
		synchronized (this.inventory) {
			SimulatedSim sim = this.inventory.anySim(simId);
			if (sim == null) {
				throw new IllegalArgumentException("The simulator has no SIM " + simId);
			}
			this.inventory.put(sim.withStatus(status, this.clock.instant()));
		}
	}

	/**
	 * Adds a batch of new SIMs in stock, which {@code PATCH /api/v1/sim_batch/bic/{bic}}
	 * registers in the caller's workspace. Forgotten by {@link #reset()}.
	 * @param bic the batch identification code: 16 digits or capital letters
	 * @param quantity how many SIMs the batch holds, at least one
	 * @throws IllegalArgumentException for another BIC or no SIM
	 */
	public void simBatch(String bic, int quantity) {
		this.simBatchApi.add(bic, quantity);
	}

	/**
	 * Records an SMS the device of an endpoint sent now (type MO), delivered at once,
	 * with the MSISDN of its SIM as sender; it is listed with the endpoint's SMS but not
	 * counted in its statistics. Forgotten by {@link #reset()}.
	 * @param endpointId the endpoint, of any workspace
	 * @param payload the text
	 * @throws IllegalArgumentException for an unknown endpoint
	 */
	public void smsFromDevice(long endpointId, String payload) {
		SimulatedEndpoint endpoint = this.inventory.anyEndpoint(endpointId);
		if (endpoint == null) {
			throw new IllegalArgumentException("The simulator has no endpoint " + endpointId);
		}
		this.smsApi.receive(endpoint, payload);
	}

	/**
	 * Records an event of an endpoint now, from the network (source 0), such as those no
	 * API call raises: {@code 1} Update Location, {@code 3} Create PDP Context,
	 * {@code 49} Device offline. Forgotten by {@link #reset()}.
	 * @param endpointId the endpoint, of any workspace
	 * @param typeId the {@code event_type} id
	 * @param typeDescription the {@code event_type} description
	 * @param severityId the {@code event_severity} id: 0 Info, 1 Warn, 2 Critical
	 * @param description the event's free text
	 * @throws IllegalArgumentException for an unknown endpoint or severity
	 */
	public void event(long endpointId, int typeId, String typeDescription, int severityId, String description) {
		SimulatedEndpoint endpoint = this.inventory.anyEndpoint(endpointId);
		if (endpoint == null || severityId < 0 || severityId > 2) {
			throw new IllegalArgumentException(
					"No endpoint " + endpointId + " or severity " + severityId + " not among 0, 1 and 2");
		}
		this.events.add(new EventLog.Event(0, endpoint.workspaceId(), this.clock.instant().toEpochMilli(), typeId,
				typeDescription, severityId, 0, description, this.simChanges.eventEndpoint(endpoint), null, null));
	}

	/**
	 * Makes the current refresh token of a user invalid, as a login of the same user
	 * elsewhere does.
	 * @param username the user
	 * @throws IllegalArgumentException if there is no such user
	 */
	public void invalidateRefreshTokens(String username) {
		this.authentication.invalidateRefreshTokens(username);
	}

	/**
	 * Lets every auth token issued so far expire now: API calls with them get 401
	 * {@code TokenExpired}. Tokens issued afterwards are not affected.
	 */
	public void expireAuthTokens() {
		this.authentication.expireAuthTokens();
	}

	/**
	 * The credential {@link EmnifySimulatorExtension#registerProperties} hands to Spring.
	 * @return the default credential, or empty when none is declared and every user has
	 * MFA
	 */
	Optional<DefaultCredential> defaultCredential() {
		return Optional.ofNullable(this.defaultCredential);
	}

	/**
	 * The {@link LocalMailbox} of a user with email MFA declared with one.
	 * @param username the user
	 * @return the mailbox
	 * @throws IllegalArgumentException if the user was not declared with a
	 * {@link LocalMailbox}
	 */
	public LocalMailbox mailbox(String username) {
		LocalMailbox mailbox = this.mailboxes.get(username);
		if (mailbox == null) {
			throw new IllegalArgumentException("User " + username + " was not declared with a LocalMailbox");
		}
		return mailbox;
	}

	/**
	 * The {@link LocalMailbox LocalMailboxes} of the users with email MFA, by username,
	 * for {@link EmnifySimulatorExtension} to start and stop.
	 * @return the mailboxes, unmodifiable, in the order the users were declared
	 */
	Map<String, LocalMailbox> mailboxes() {
		return this.mailboxes;
	}

}
