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
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;

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
 * {@link ReactiveEmnifyEndpoints} called as {@link EmnifyEndpoints}, each method blocking
 * on its reactive twin, defaults included, so a test runs the reactive paging and id
 * reading, not the blocking ones.
 */
final class BlockingReactiveEndpoints implements EmnifyEndpoints {

	private final ReactiveEmnifyEndpoints endpoints;

	BlockingReactiveEndpoints(ReactiveEmnifyEndpoints endpoints) {
		this.endpoints = endpoints;
	}

	@Override
	public ResponseEntity<List<Endpoint>> listPage(@Nullable String q, @Nullable String sort, int page, int perPage) {
		return SimulatorClients.value(this.endpoints.listPage(q, sort, page, perPage));
	}

	@Override
	public Stream<Endpoint> all(ListQuery query, int perPage) {
		return SimulatorClients.value(this.endpoints.all(query, perPage).collectList()).stream();
	}

	@Override
	public Endpoint get(long endpointId) {
		return SimulatorClients.value(this.endpoints.get(endpointId));
	}

	@Override
	public ResponseEntity<Void> createForAnswer(EndpointCreate endpoint) {
		return SimulatorClients.value(this.endpoints.createForAnswer(endpoint));
	}

	@Override
	public long create(EndpointCreate endpoint) {
		return SimulatorClients.value(this.endpoints.create(endpoint));
	}

	@Override
	public void update(long endpointId, EndpointUpdate update) {
		SimulatorClients.complete(this.endpoints.update(endpointId, update));
	}

	@Override
	public void delete(long endpointId) {
		SimulatorClients.complete(this.endpoints.delete(endpointId));
	}

	@Override
	public Connectivity connectivity(long endpointId) {
		return SimulatorClients.value(this.endpoints.connectivity(endpointId));
	}

	@Override
	public void resetConnectivity(long endpointId, ConnectivityReset reset) {
		SimulatorClients.complete(this.endpoints.resetConnectivity(endpointId, reset));
	}

	@Override
	public ResponseEntity<Void> sendSmsForAnswer(long endpointId, SmsSend sms) {
		return SimulatorClients.value(this.endpoints.sendSmsForAnswer(endpointId, sms));
	}

	@Override
	public long sendSms(long endpointId, SmsSend sms) {
		return SimulatorClients.value(this.endpoints.sendSms(endpointId, sms));
	}

	@Override
	public List<Sms> smsList(long endpointId) {
		return SimulatorClients.value(this.endpoints.smsList(endpointId).collectList());
	}

	@Override
	public Sms sms(long endpointId, long smsId) {
		return SimulatorClients.value(this.endpoints.sms(endpointId, smsId));
	}

	@Override
	public void cancelSms(long endpointId, long smsId) {
		SimulatorClients.complete(this.endpoints.cancelSms(endpointId, smsId));
	}

	@Override
	public EndpointStats stats(long endpointId) {
		return SimulatorClients.value(this.endpoints.stats(endpointId));
	}

	@Override
	public List<DailyStats> dailyStats(long endpointId, @Nullable LocalDate startDate, @Nullable LocalDate endDate) {
		return SimulatorClients.value(this.endpoints.dailyStats(endpointId, startDate, endDate).collectList());
	}

	@Override
	public Quota dataQuota(long endpointId) {
		return SimulatorClients.value(this.endpoints.dataQuota(endpointId));
	}

	@Override
	public void setDataQuota(long endpointId, QuotaSet quota) {
		SimulatorClients.complete(this.endpoints.setDataQuota(endpointId, quota));
	}

	@Override
	public void removeDataQuota(long endpointId) {
		SimulatorClients.complete(this.endpoints.removeDataQuota(endpointId));
	}

	@Override
	public Quota smsQuota(long endpointId) {
		return SimulatorClients.value(this.endpoints.smsQuota(endpointId));
	}

	@Override
	public void setSmsQuota(long endpointId, QuotaSet quota) {
		SimulatorClients.complete(this.endpoints.setSmsQuota(endpointId, quota));
	}

	@Override
	public void removeSmsQuota(long endpointId) {
		SimulatorClients.complete(this.endpoints.removeSmsQuota(endpointId));
	}

}
