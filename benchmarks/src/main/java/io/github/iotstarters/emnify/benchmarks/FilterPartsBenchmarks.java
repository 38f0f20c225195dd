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

package io.github.iotstarters.emnify.benchmarks;

import java.net.URI;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.reactivestreams.Subscription;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.util.unit.DataSize;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.ExchangeFunction;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Mono;

import io.github.iotstarters.emnify.auth.EmnifyAuthenticationListener;
import io.github.iotstarters.emnify.auth.EmnifyTokenProvider;
import io.github.iotstarters.emnify.auth.web.Bucket4jRateLimitBuckets;
import io.github.iotstarters.emnify.auth.web.EmnifyAuthenticationFilter;
import io.github.iotstarters.emnify.auth.web.EmnifyRateLimits;

/**
 * The filter's own work without the network, in nanoseconds and, with the GC profiler,
 * bytes: a request as emnifyWebClient hands it to its filter, and an exchange that
 * answers 200 at once. The starter's filter with the default provider holding the
 * loopback server's JWT, against the floor of any filter (one that passes the request on)
 * and the floor of any filter that adds a header (one that copies the request with
 * {@code ClientRequest.from}, as the immutable request requires). Run through
 * {@link JmhBenchmarks#main} with {@code -Dexec.args=FilterPartsBenchmarks} (about a
 * minute and a half).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Threads(1)
@Fork(value = 2, jvmArgsAppend = { "-Xms1g", "-Xmx1g" })
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Benchmark)
public class FilterPartsBenchmarks {

	private BenchmarkClients clients;

	private ExchangeFilterFunction emnifyFilter;

	private ExchangeFilterFunction unpacedEmnifyFilter;

	private ExchangeFilterFunction passThrough;

	private ExchangeFilterFunction copying;

	private ClientRequest request;

	private ExchangeFunction next;

	private final Sink sink = new Sink();

	@Setup(Level.Trial)
	public void setUp() {
		this.clients = new BenchmarkClients();
		this.emnifyFilter = this.clients.context.getBean("emnifyAuthenticationFilter", ExchangeFilterFunction.class);
		// The same filter on the same token provider, pacing off: against emnifyFilter,
		// what taking the permits and recording their meters costs a request.
		this.unpacedEmnifyFilter = new EmnifyAuthenticationFilter(
				this.clients.context.getBean(EmnifyTokenProvider.class), URI.create(this.clients.server.baseUrl()),
				new EmnifyAuthenticationListener() {
				}, DataSize.ofMegabytes(1), EmnifyRateLimits.none(), Bucket4jRateLimitBuckets.inThisJvm());
		this.passThrough = (request, next) -> next.exchange(request);
		String header = this.clients.bearerHeader;
		this.copying = (request,
				next) -> next.exchange(ClientRequest.from(request)
					.headers((headers) -> headers.set(HttpHeaders.AUTHORIZATION, header))
					.build());
		// The request as the Boot builder's WebClient hands it to the first filter.
		AtomicReference<ClientRequest> captured = new AtomicReference<>();
		Load.send(this.clients.bootBuilder.clone().baseUrl(this.clients.server.baseUrl()).filter((request, next) -> {
			captured.set(request);
			return this.emnifyFilter.filter(request, next);
		}).build());
		this.request = captured.get();
		Mono<ClientResponse> answer = Mono.just(ClientResponse.create(HttpStatus.OK).build());
		this.next = (request) -> answer;
	}

	@TearDown(Level.Trial)
	public void tearDown() {
		this.clients.close();
	}

	@Benchmark
	public @Nullable Object passThroughFilter() {
		return exchange(this.passThrough);
	}

	@Benchmark
	public @Nullable Object copyingFilter() {
		return exchange(this.copying);
	}

	@Benchmark
	public @Nullable Object emnifyFilter() {
		return exchange(this.emnifyFilter);
	}

	@Benchmark
	public @Nullable Object unpacedEmnifyFilter() {
		return exchange(this.unpacedEmnifyFilter);
	}

	private @Nullable Object exchange(ExchangeFilterFunction filter) {
		filter.filter(this.request, this.next).subscribe(this.sink);
		return this.sink.value;
	}

	/** Takes one value; reused, so that it adds no allocation of its own. */
	static final class Sink implements CoreSubscriber<Object> {

		@Nullable Object value;

		@Override
		public void onSubscribe(Subscription subscription) {
			subscription.request(Long.MAX_VALUE);
		}

		@Override
		public void onNext(Object value) {
			this.value = value;
		}

		@Override
		public void onError(Throwable error) {
			throw new IllegalStateException(error);
		}

		@Override
		public void onComplete() {
		}

	}

}
