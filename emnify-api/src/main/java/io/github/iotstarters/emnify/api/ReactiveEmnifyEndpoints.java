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

import java.time.LocalDate;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.format.annotation.DateTimeFormat.ISO;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.service.annotation.DeleteExchange;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.annotation.HttpExchange;
import org.springframework.web.service.annotation.PatchExchange;
import org.springframework.web.service.annotation.PostExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import io.github.iotstarters.emnify.api.model.Connectivity;
import io.github.iotstarters.emnify.api.model.ConnectivityReset;
import io.github.iotstarters.emnify.api.model.DailyStats;
import io.github.iotstarters.emnify.api.model.Endpoint;
import io.github.iotstarters.emnify.api.model.EndpointCreate;
import io.github.iotstarters.emnify.api.model.EndpointStats;
import io.github.iotstarters.emnify.api.model.EndpointUpdate;
import io.github.iotstarters.emnify.api.model.Quota;
import io.github.iotstarters.emnify.api.model.QuotaSet;
import io.github.iotstarters.emnify.api.model.Sms;
import io.github.iotstarters.emnify.api.model.SmsSend;

/**
 * emnify's endpoints (devices), their connectivity, SMS, usage and quotas, reactive, for
 * a {@code WebClient} that authenticates against emnify. {@link EmnifyEndpoints} is the
 * same on a {@code RestClient}. Nothing happens until the answer is subscribed to.
 */
@HttpExchange(url = "/api/v1/endpoint", accept = "application/json")
public interface ReactiveEmnifyEndpoints {

	/**
	 * Return one page of endpoints with emnify's paging headers ({@code X-Total-Pages},
	 * {@code X-Current-Page}, {@code X-Total-Count}); {@link #all(ListQuery, int)} walks
	 * them all.
	 * @param q the filter, see {@link ListQuery#q()}, {@code null} for none
	 * @param sort the order, {@code null} for ascending id
	 * @param page the page, from 1; past the last emnify answers the last
	 * @param perPage the page size, 1 to 1000
	 * @return the answer, its body the endpoints of the page
	 */
	@GetExchange
	Mono<ResponseEntity<List<Endpoint>>> listPage(@RequestParam(required = false) @Nullable String q,
			@RequestParam(required = false) @Nullable String sort, @RequestParam int page,
			@RequestParam("per_page") int perPage);

	/**
	 * Return every endpoint matching a query, asking for a page only once the items
	 * before it are consumed.
	 * @param query the filter and order
	 * @param perPage the page size, 1 to 1000
	 * @return the endpoints, lazily
	 */
	default Flux<Endpoint> all(ListQuery query, int perPage) {
		return EmnifyPaging.flux((page) -> listPage(query.q(), query.sort(), page, perPage));
	}

	/**
	 * Return one endpoint.
	 * @param endpointId the endpoint's id
	 * @return the endpoint
	 */
	@GetExchange("/{endpointId}")
	Mono<Endpoint> get(@PathVariable long endpointId);

	/**
	 * Create an endpoint and return emnify's answer, whose {@code Location} names it;
	 * {@link #create(EndpointCreate)} reads the id.
	 * @param endpoint the new endpoint
	 * @return the answer
	 */
	@PostExchange
	Mono<ResponseEntity<Void>> createForAnswer(@RequestBody EndpointCreate endpoint);

	/**
	 * Create an endpoint. If it assigns a SIM with activation, the SIM is billed from
	 * then on.
	 * @param endpoint the new endpoint
	 * @return the new endpoint's id
	 */
	default Mono<Long> create(EndpointCreate endpoint) {
		return createForAnswer(endpoint).map((answer) -> EmnifyLocations.createdId(answer, "/api/v1/endpoint"));
	}

	/**
	 * Change the fields of an endpoint that the update sets.
	 * @param endpointId the endpoint's id
	 * @param update the fields to change
	 * @return completes when emnify has accepted the request
	 */
	@PatchExchange("/{endpointId}")
	Mono<Void> update(@PathVariable long endpointId, @RequestBody EndpointUpdate update);

	/**
	 * Delete an endpoint. emnify refuses while a SIM is assigned: un-assign it first.
	 * @param endpointId the endpoint's id
	 * @return completes when emnify has accepted the request
	 */
	@DeleteExchange("/{endpointId}")
	Mono<Void> delete(@PathVariable long endpointId);

	/**
	 * Return a device's connectivity.
	 * @param endpointId the endpoint's id
	 * @return the connectivity
	 */
	@GetExchange("/{endpointId}/connectivity")
	Mono<Connectivity> connectivity(@PathVariable long endpointId);

	/**
	 * Reset a device's connectivity. emnify only queues the reset.
	 * @param endpointId the endpoint's id
	 * @param reset what to reset
	 * @return completes when emnify has accepted the request
	 */
	@PatchExchange("/{endpointId}/connectivity")
	Mono<Void> resetConnectivity(@PathVariable long endpointId, @RequestBody ConnectivityReset reset);

	/**
	 * Send an SMS to a device and return emnify's answer, whose {@code Location} names
	 * it; {@link #sendSms(long, SmsSend)} reads the id.
	 * @param endpointId the endpoint's id
	 * @param sms the SMS
	 * @return the answer
	 */
	@PostExchange("/{endpointId}/sms")
	Mono<ResponseEntity<Void>> sendSmsForAnswer(@PathVariable long endpointId, @RequestBody SmsSend sms);

	/**
	 * Send an SMS to a device.
	 * @param endpointId the endpoint's id
	 * @param sms the SMS
	 * @return the new SMS's id
	 */
	default Mono<Long> sendSms(long endpointId, SmsSend sms) {
		return sendSmsForAnswer(endpointId, sms)
			.map((answer) -> EmnifyLocations.createdId(answer, "/api/v1/endpoint/" + endpointId + "/sms"));
	}

	/**
	 * Return the SMS sent to and received from a device, newest first. emnify does not
	 * page this list.
	 * @param endpointId the endpoint's id
	 * @return the SMS
	 */
	@GetExchange("/{endpointId}/sms")
	Flux<Sms> smsList(@PathVariable long endpointId);

	/**
	 * Return one SMS of a device.
	 * @param endpointId the endpoint's id
	 * @param smsId the SMS's id
	 * @return the SMS
	 */
	@GetExchange("/{endpointId}/sms/{smsId}")
	Mono<Sms> sms(@PathVariable long endpointId, @PathVariable long smsId);

	/**
	 * Cancel an SMS that emnify still buffers; a delivered SMS cannot be cancelled.
	 * @param endpointId the endpoint's id
	 * @param smsId the SMS's id
	 * @return completes when emnify has accepted the request
	 */
	@DeleteExchange("/{endpointId}/sms/{smsId}")
	Mono<Void> cancelSms(@PathVariable long endpointId, @PathVariable long smsId);

	/**
	 * Return an endpoint's usage: last month, this month and the last hour.
	 * @param endpointId the endpoint's id
	 * @return the usage
	 */
	@GetExchange("/{endpointId}/stats")
	Mono<EndpointStats> stats(@PathVariable long endpointId);

	/**
	 * Return an endpoint's usage per day, newest first, ending with a total row. Without
	 * dates emnify answers the current month; emnify's sources disagree on what a start
	 * without an end covers, so give both.
	 * @param endpointId the endpoint's id
	 * @param startDate the first day, {@code null} for emnify's default
	 * @param endDate the last day, {@code null} for emnify's default
	 * @return the days and the total
	 */
	@GetExchange("/{endpointId}/stats/daily")
	Flux<DailyStats> dailyStats(@PathVariable long endpointId,
			@RequestParam(name = "start_date",
					required = false) @DateTimeFormat(iso = ISO.DATE) @Nullable LocalDate startDate,
			@RequestParam(name = "end_date",
					required = false) @DateTimeFormat(iso = ISO.DATE) @Nullable LocalDate endDate);

	/**
	 * Return an endpoint's data quota.
	 * @param endpointId the endpoint's id
	 * @return the quota
	 */
	@GetExchange("/{endpointId}/quota/data")
	Mono<Quota> dataQuota(@PathVariable long endpointId);

	/**
	 * Set an endpoint's data quota, replacing the one in place, with immediate effect.
	 * @param endpointId the endpoint's id
	 * @param quota the quota
	 * @return completes when emnify has accepted the request
	 */
	@PostExchange("/{endpointId}/quota/data")
	Mono<Void> setDataQuota(@PathVariable long endpointId, @RequestBody QuotaSet quota);

	/**
	 * Remove an endpoint's data quota. While its service profile applies data quotas, the
	 * device then gets no data service.
	 * @param endpointId the endpoint's id
	 * @return completes when emnify has accepted the request
	 */
	@DeleteExchange("/{endpointId}/quota/data")
	Mono<Void> removeDataQuota(@PathVariable long endpointId);

	/**
	 * Return an endpoint's SMS quota.
	 * @param endpointId the endpoint's id
	 * @return the quota
	 */
	@GetExchange("/{endpointId}/quota/sms")
	Mono<Quota> smsQuota(@PathVariable long endpointId);

	/**
	 * Set an endpoint's SMS quota, replacing the one in place, with immediate effect.
	 * @param endpointId the endpoint's id
	 * @param quota the quota
	 * @return completes when emnify has accepted the request
	 */
	@PostExchange("/{endpointId}/quota/sms")
	Mono<Void> setSmsQuota(@PathVariable long endpointId, @RequestBody QuotaSet quota);

	/**
	 * Remove an endpoint's SMS quota.
	 * @param endpointId the endpoint's id
	 * @return completes when emnify has accepted the request
	 */
	@DeleteExchange("/{endpointId}/quota/sms")
	Mono<Void> removeSmsQuota(@PathVariable long endpointId);

}
