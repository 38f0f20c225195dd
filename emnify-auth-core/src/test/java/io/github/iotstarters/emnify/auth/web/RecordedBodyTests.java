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

package io.github.iotstarters.emnify.auth.web;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.codec.HttpMessageWriter;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.mock.http.client.reactive.MockClientHttpRequest;
import org.springframework.web.reactive.function.BodyInserter;
import org.springframework.web.reactive.function.client.ExchangeStrategies;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link RecordedBody} on a request that keeps what is written to it: which writings
 * leave a body that may be replayed, and what the replay writes.
 */
class RecordedBodyTests {

	private final MockClientHttpRequest request = new MockClientHttpRequest(HttpMethod.POST, "/api/v1/sim");

	@Test
	void aBodyIsReplayableOnlyOnceItsWritingCompletedAndTheReplayWritesItsBytesAndHeaders() {
		RecordedBody body = new RecordedBody(1024);
		this.request.getHeaders().setContentType(MediaType.APPLICATION_JSON);
		this.request.getHeaders().setBearerAuth("rejected-token");
		Sinks.Many<DataBuffer> parts = Sinks.many().unicast().onBackpressureBuffer();
		StepVerifier.create(body.record(this.request).writeWith(parts.asFlux())).then(() -> {
			parts.tryEmitNext(buffer("{\"label\":")).orThrow();
			assertThat(body.isReplayable()).isFalse();
			parts.tryEmitNext(buffer("\"sensor-1\"}")).orThrow();
			assertThat(body.isReplayable()).isFalse();
			parts.tryEmitComplete().orThrow();
		}).verifyComplete();
		assertThat(body.isReplayable()).isTrue();
		MockClientHttpRequest replay = replay(body);
		assertThat(replay.getBodyAsString().block()).isEqualTo("{\"label\":\"sensor-1\"}");
		assertThat(replay.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_JSON);
		assertThat(replay.getHeaders().getContentLength()).isEqualTo(20);
		assertThat(replay.getHeaders().containsHeader(HttpHeaders.AUTHORIZATION)).isFalse();
	}

	@Test
	void aBodyWhoseWritingFailedIsNotReplayable() {
		RecordedBody body = new RecordedBody(1024);
		StepVerifier
			.create(body.record(this.request)
				.writeWith(Flux.concat(Mono.just(buffer("{\"label\":")), Mono.error(new IllegalStateException()))))
			.verifyError(IllegalStateException.class);
		assertThat(body.isReplayable()).isFalse();
	}

	@Test
	void aBodyOverTheMaxSizeIsNotReplayable() {
		RecordedBody body = new RecordedBody(4);
		StepVerifier.create(body.record(this.request).writeWith(Flux.just(buffer("ab"), buffer("cde"))))
			.verifyComplete();
		assertThat(body.isReplayable()).isFalse();
	}

	@Test
	void aBodyWrittenAndFlushedInPartsIsReplayedAsOne() {
		RecordedBody body = new RecordedBody(1024);
		StepVerifier
			.create(body.record(this.request)
				.writeAndFlushWith(Flux.just(Flux.just(buffer("ab"), buffer("c")), Flux.just(buffer("de")))))
			.verifyComplete();
		assertThat(body.isReplayable()).isTrue();
		assertThat(replay(body).getBodyAsString().block()).isEqualTo("abcde");
	}

	@Test
	void aRequestCompletedWithoutABodyIsReplayedWithoutOne() {
		RecordedBody body = new RecordedBody(0);
		StepVerifier.create(body.record(this.request).setComplete()).verifyComplete();
		assertThat(body.isReplayable()).isTrue();
		assertThat(replay(body).getBodyAsString().block()).isEmpty();
	}

	@Test
	void aRequestWhoseWritingNeverCameThroughTheRecordingIsNotReplayable() {
		assertThat(new RecordedBody(1024).isReplayable()).isFalse();
	}

	private static MockClientHttpRequest replay(RecordedBody body) {
		MockClientHttpRequest replay = new MockClientHttpRequest(HttpMethod.POST, "/api/v1/sim");
		StepVerifier.create(body.replay().insert(replay, new WriterContext())).verifyComplete();
		return replay;
	}

	private static DataBuffer buffer(String text) {
		return DefaultDataBufferFactory.sharedInstance.wrap(text.getBytes(StandardCharsets.UTF_8));
	}

	private static final class WriterContext implements BodyInserter.Context {

		@Override
		public List<HttpMessageWriter<?>> messageWriters() {
			return ExchangeStrategies.withDefaults().messageWriters();
		}

		@Override
		public Optional<ServerHttpRequest> serverRequest() {
			return Optional.empty();
		}

		@Override
		public Map<String, Object> hints() {
			return Map.of();
		}

	}

}
