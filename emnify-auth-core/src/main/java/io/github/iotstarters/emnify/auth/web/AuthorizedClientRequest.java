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

import java.net.URI;
import java.util.Map;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.client.reactive.ClientHttpRequest;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.function.BodyInserter;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ExchangeStrategies;
import reactor.core.publisher.Mono;

/**
 * A request as the caller built it with an {@code Authorization} header on top, without
 * the copy of method, headers, cookies and attributes that {@code ClientRequest.from}
 * makes, which is most of what adding a header costs a filter: the header goes onto the
 * outgoing HTTP request when the request is written. Whoever reads the headers, such as a
 * filter after this one, sees them with the header, in a copy made on first use.
 * <p>
 * Only for requests without an {@code Authorization} header of their own: the filter
 * leaves those as the caller built them. With a {@link RecordedBody}, the body is
 * recorded as it is written, by this request or by a copy that a filter after this one
 * makes of it.
 * <p>
 * The header is written only if the HTTP request actually sent has emnify's origin, so
 * that a filter after ours that sends the request elsewhere sends no token: checked in
 * {@link #writeTo} for this request, and, for a copy that such a filter makes with
 * {@code ClientRequest.from}, in the {@link #httpRequest()} consumer that the copy
 * carries over and applies after writing its headers.
 */
final class AuthorizedClientRequest implements ClientRequest, Consumer<ClientHttpRequest> {

	private final ClientRequest request;

	private final String authorization;

	private final EmnifyOrigin origin;

	private final @Nullable RecordedBody recordedBody;

	// Built on first use. A race builds the same copy twice; HttpHeaders, whose fields
	// are final, is safely published without a lock.
	private @Nullable HttpHeaders headers;

	AuthorizedClientRequest(ClientRequest request, String authorization, EmnifyOrigin origin,
			@Nullable RecordedBody recordedBody) {
		this.request = request;
		this.authorization = authorization;
		this.origin = origin;
		this.recordedBody = recordedBody;
	}

	@Override
	public HttpMethod method() {
		return this.request.method();
	}

	@Override
	public URI url() {
		return this.request.url();
	}

	@Override
	public HttpHeaders headers() {
		HttpHeaders headers = this.headers;
		if (headers == null) {
			HttpHeaders copy = HttpHeaders.copyOf(this.request.headers());
			copy.set(HttpHeaders.AUTHORIZATION, this.authorization);
			headers = HttpHeaders.readOnlyHttpHeaders(copy);
			this.headers = headers;
		}
		return headers;
	}

	@Override
	public MultiValueMap<String, String> cookies() {
		return this.request.cookies();
	}

	@Override
	public BodyInserter<?, ? super ClientHttpRequest> body() {
		return (this.recordedBody != null) ? this.recordedBody.record(this.request.body()) : this.request.body();
	}

	@Override
	public Map<String, Object> attributes() {
		return this.request.attributes();
	}

	@Override
	public Consumer<ClientHttpRequest> httpRequest() {
		return this;
	}

	/**
	 * Applied to the HTTP request of a copy of this request: takes our token off it if it
	 * goes elsewhere, then applies the caller's own consumer, if any.
	 */
	@Override
	public void accept(ClientHttpRequest httpRequest) {
		if (!this.origin.isOrigin(httpRequest.getURI())) {
			HttpHeaders headers = httpRequest.getHeaders();
			if (this.authorization.equals(headers.getFirst(HttpHeaders.AUTHORIZATION))) {
				headers.remove(HttpHeaders.AUTHORIZATION);
			}
		}
		Consumer<ClientHttpRequest> callers = this.request.httpRequest();
		if (callers != null) {
			callers.accept(httpRequest);
		}
	}

	@Override
	public String logPrefix() {
		return this.request.logPrefix();
	}

	@Override
	public Mono<Void> writeTo(ClientHttpRequest request, ExchangeStrategies strategies) {
		if (this.origin.isOrigin(request.getURI())) {
			request.getHeaders().set(HttpHeaders.AUTHORIZATION, this.authorization);
		}
		return this.request.writeTo((this.recordedBody != null) ? this.recordedBody.record(request) : request,
				strategies);
	}

}
