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

import java.nio.ByteBuffer;
import java.util.Arrays;

import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.client.reactive.ClientHttpRequest;
import org.springframework.http.client.reactive.ClientHttpRequestDecorator;
import org.springframework.web.reactive.function.BodyInserter;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The body of one request to emnify, recorded as it is written, so that a replay after a
 * 401 sends exactly the bytes the first attempt sent, with the content type the codec
 * gave them (such as a multipart boundary) and their length, and never subscribes to the
 * caller's body again: a body may be writable once only, as a pooled buffer, a unicast
 * sink, an input stream or a publisher that emits on its first subscription only are.
 * <p>
 * Each buffer is copied as it passes, neither consumed nor retained, into an array that
 * the first buffer allocates, so a request without a body costs no array. The request is
 * replayable only once its writing completed; a body over the bound, a writing that
 * failed, was cancelled or had not completed when emnify answered, and a request whose
 * writing never came through here are not.
 */
final class RecordedBody {

	private static final int MAX_ARRAY_SIZE = Integer.MAX_VALUE - 8;

	private final int maxSize;

	// Written by the signals of one writing, which come one after the other, and read
	// after the volatile state has said the writing completed.
	private volatile State state = State.NOT_WRITTEN;

	private byte @Nullable [] bytes;

	private int size;

	private @Nullable String contentType;

	RecordedBody(long maxSize) {
		this.maxSize = (int) Math.min(maxSize, MAX_ARRAY_SIZE);
	}

	/**
	 * Return the given request with this recording on its body.
	 * @param request the outgoing request
	 * @return the request, recording what is written to it
	 */
	ClientHttpRequest record(ClientHttpRequest request) {
		return new Recorder(request);
	}

	/**
	 * Return the given body inserter with this recording on what it writes, for a copy of
	 * the request that writes it without {@link #record}.
	 * @param body the body inserter of the copy
	 * @return the inserter, recording what it writes
	 */
	BodyInserter<?, ? super ClientHttpRequest> record(BodyInserter<?, ? super ClientHttpRequest> body) {
		return (request, context) -> body.insert(record(request), context);
	}

	boolean isReplayable() {
		State state = this.state;
		return state == State.WITHOUT_BODY || state == State.WRITTEN;
	}

	/**
	 * Return a body inserter that writes the recorded bytes with the content type the
	 * codec gave them (a multipart boundary among it) and their length; only for a
	 * {@link #isReplayable() replayable} body. The caller's own headers come with the
	 * copy of the request that the replay sends.
	 * @return the inserter of the recorded body
	 */
	BodyInserter<?, ? super ClientHttpRequest> replay() {
		if (this.state == State.WITHOUT_BODY) {
			return (request, context) -> request.setComplete();
		}
		String contentType = this.contentType;
		byte[] bytes = this.bytes;
		int size = this.size;
		return (request, context) -> {
			if (contentType != null) {
				request.getHeaders().set(HttpHeaders.CONTENT_TYPE, contentType);
			}
			request.getHeaders().setContentLength(size);
			return request.writeWith((bytes != null)
					? Mono.fromSupplier(() -> request.bufferFactory().wrap(ByteBuffer.wrap(bytes, 0, size)))
					: Mono.empty());
		};
	}

	private void copy(DataBuffer buffer) {
		if (this.state != State.WRITING) {
			return;
		}
		int length = buffer.readableByteCount();
		if (length > this.maxSize - this.size) {
			this.bytes = null;
			this.state = State.OVER_MAX_SIZE;
			return;
		}
		byte[] bytes = capacityFor(length);
		buffer.toByteBuffer(buffer.readPosition(), ByteBuffer.wrap(bytes), this.size, length);
		this.size += length;
	}

	private byte[] capacityFor(int length) {
		byte[] bytes = this.bytes;
		int needed = this.size + length;
		if (bytes == null) {
			bytes = new byte[needed];
			this.bytes = bytes;
		}
		else if (bytes.length < needed) {
			bytes = Arrays.copyOf(bytes, Math.max(needed, (int) Math.min(2L * bytes.length, this.maxSize)));
			this.bytes = bytes;
		}
		return bytes;
	}

	private enum State {

		NOT_WRITTEN, WITHOUT_BODY, WRITING, WRITTEN, OVER_MAX_SIZE

	}

	/**
	 * The request as the codecs write it, with a copy of each buffer taken on its way.
	 */
	private final class Recorder extends ClientHttpRequestDecorator {

		Recorder(ClientHttpRequest request) {
			super(request);
		}

		// The recording is complete when the body has passed through, not when writeWith
		// completes: the JDK's and Apache's connectors complete it before they pull a
		// byte. Each writing starts the recording afresh, so a request written twice (a
		// retry after ours) is recorded once.
		@Override
		public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
			start();
			// A Mono stays one, so that the request keeps the framing of a single buffer.
			Publisher<? extends DataBuffer> recorded = (body instanceof Mono<? extends DataBuffer> mono)
					? mono.doOnNext(RecordedBody.this::copy).doOnSuccess((buffer) -> written())
					: Flux.from(body).doOnNext(RecordedBody.this::copy).doOnComplete(this::written);
			return super.writeWith(recorded);
		}

		@Override
		public Mono<Void> writeAndFlushWith(Publisher<? extends Publisher<? extends DataBuffer>> body) {
			start();
			Parts parts = new Parts();
			return super.writeAndFlushWith(Flux.from(body).map((part) -> {
				// Counted when emitted, so that a part not yet written keeps the body
				// open.
				parts.emitted();
				return Flux.from(part).doOnNext(RecordedBody.this::copy).doOnComplete(() -> parts.ended(this::written));
			}).doOnComplete(() -> parts.allEmitted(this::written)));
		}

		@Override
		public Mono<Void> setComplete() {
			if (RecordedBody.this.state == State.NOT_WRITTEN) {
				RecordedBody.this.state = State.WITHOUT_BODY;
			}
			return super.setComplete();
		}

		private void start() {
			// Of the headers sent, only what the codec set, before it writes, is not in
			// the request the replay copies; copying them all would cost ~2 kB a request.
			RecordedBody.this.contentType = getHeaders().getFirst(HttpHeaders.CONTENT_TYPE);
			RecordedBody.this.size = 0;
			RecordedBody.this.bytes = null;
			RecordedBody.this.state = State.WRITING;
		}

		private void written() {
			if (RecordedBody.this.state == State.WRITING) {
				RecordedBody.this.state = State.WRITTEN;
			}
		}

	}

	/**
	 * The parts of a body written with flushes: complete once all were emitted and each
	 * has passed through.
	 */
	private static final class Parts {

		private int running;

		private boolean allEmitted;

		synchronized void emitted() {
			this.running++;
		}

		void ended(Runnable written) {
			boolean complete;
			synchronized (this) {
				this.running--;
				complete = this.allEmitted && this.running == 0;
			}
			if (complete) {
				written.run();
			}
		}

		void allEmitted(Runnable written) {
			boolean complete;
			synchronized (this) {
				this.allEmitted = true;
				complete = this.running == 0;
			}
			if (complete) {
				written.run();
			}
		}

	}

}
