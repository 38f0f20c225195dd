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

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

import org.jspecify.annotations.Nullable;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpRequest;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.BodyExtractors;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;

/**
 * Turns emnify's error answers into {@link EmnifyApiException} and its subclasses on a
 * {@link RestClient} or a {@link WebClient}: every 4xx and 5xx that reaches the client's
 * {@code retrieve()}, which is how Spring's HTTP service proxies call, whatever their
 * return type. {@link EmnifyHttpServices} applies it to the clients it is given; apply it
 * to the builder of an HTTP service group, or of a client of your own, to get the same.
 * <p>
 * It only reads answers: it sends nothing again. A 429 has been waited out and sent
 * again, as often as allowed, by {@code emnify-auth-core}'s filter or interceptor before
 * it gets here, and a 401 replayed after a new login; any other error reaches the caller
 * after one attempt, as nothing that changes state at emnify may be repeated blindly.
 */
public final class EmnifyApiErrors {

	private EmnifyApiErrors() {
	}

	/**
	 * Add a default status handler to a {@link RestClient} builder that throws an
	 * {@link EmnifyApiException} for every 4xx and 5xx answer.
	 * @param builder the builder
	 */
	public static void applyTo(RestClient.Builder builder) {
		builder.defaultStatusHandler(HttpStatusCode::isError, (request, response) -> {
			throw exception(request, response);
		});
	}

	/**
	 * Add a default status handler to a {@link WebClient} builder that signals an
	 * {@link EmnifyApiException} for every 4xx and 5xx answer. It reads the body without
	 * blocking, at most 64 KiB of it.
	 * @param builder the builder
	 */
	public static void applyTo(WebClient.Builder builder) {
		builder.defaultStatusHandler(HttpStatusCode::isError, EmnifyApiErrors::exception);
	}

	private static EmnifyApiException exception(HttpRequest request, ClientHttpResponse response) throws IOException {
		EmnifyErrorBody body;
		try (InputStream in = response.getBody()) {
			byte[] bytes = in.readNBytes(EmnifyErrorBody.MAX_BYTES + 1);
			body = read(bytes, response.getHeaders().getContentType());
		}
		catch (IOException ex) {
			body = EmnifyErrorBody.unreadable(response.getHeaders().getContentType());
		}
		return body.toException(response.getStatusCode(), request.getMethod(), request.getURI());
	}

	private static Mono<EmnifyApiException> exception(ClientResponse response) {
		// One byte beyond the bound tells a body that goes on from one that ends there;
		// what is not read is released by the client after the handler.
		return DataBufferUtils
			.join(DataBufferUtils.takeUntilByteCount(response.body(BodyExtractors.toDataBuffers()),
					EmnifyErrorBody.MAX_BYTES + 1))
			.map(EmnifyApiErrors::bytes)
			.defaultIfEmpty(new byte[0])
			.map((bytes) -> read(bytes, response.headers().contentType().orElse(null)))
			.onErrorResume((ex) -> Mono.just(EmnifyErrorBody.unreadable(response.headers().contentType().orElse(null))))
			.map((body) -> body.toException(response.statusCode(), response.request().getMethod(),
					response.request().getURI()));
	}

	private static EmnifyErrorBody read(byte[] bytes, @Nullable MediaType contentType) {
		boolean truncated = bytes.length > EmnifyErrorBody.MAX_BYTES;
		return EmnifyErrorBody.read(truncated ? Arrays.copyOf(bytes, EmnifyErrorBody.MAX_BYTES) : bytes, truncated,
				contentType);
	}

	private static byte[] bytes(DataBuffer buffer) {
		try {
			byte[] bytes = new byte[buffer.readableByteCount()];
			buffer.read(bytes);
			return bytes;
		}
		finally {
			DataBufferUtils.release(buffer);
		}
	}

}
