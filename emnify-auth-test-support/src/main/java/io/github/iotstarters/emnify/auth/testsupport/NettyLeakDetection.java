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

package io.github.iotstarters.emnify.auth.testsupport;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import io.netty.util.ResourceLeakDetectorFactory;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fails a test that leaks a Netty buffer: each test runs with Netty's leak detector at
 * {@link ResourceLeakDetector.Level#PARANOID paranoid} level, and afterwards every buffer
 * that was dropped unreleased is reported and fails it.
 * <p>
 * Netty makes its buffers' detector once, when they are first used, through its
 * {@link ResourceLeakDetectorFactory}: the build names {@link RecordingDetector} in
 * {@code io.netty.customResourceLeakDetector} so that the default factory makes one
 * whatever test runs first, and this class installs a factory of them for a run that
 * loads it before Netty's buffers. Whether the detector in place is one that records is
 * not assumed: each check drops a buffer of its own unreleased and fails unless that leak
 * is reported.
 * <p>
 * Public, with its detector, because Netty creates the detector by its class name through
 * public constructors.
 */
public final class NettyLeakDetection implements BeforeEachCallback, AfterEachCallback {

	private static final String CANARY = "leak-detection-canary-";

	private static final Queue<String> leaks = new ConcurrentLinkedQueue<>();

	private static final AtomicInteger canaries = new AtomicInteger();

	static {
		ResourceLeakDetectorFactory.setResourceLeakDetectorFactory(new ResourceLeakDetectorFactory() {

			@Override
			@SuppressWarnings("deprecation")
			public <T> ResourceLeakDetector<T> newResourceLeakDetector(Class<T> resource, int samplingInterval,
					long maxActive) {
				return new RecordingDetector<>(resource, samplingInterval);
			}

		});
	}

	private ResourceLeakDetector.Level level = ResourceLeakDetector.Level.SIMPLE;

	@Override
	public void beforeEach(ExtensionContext context) {
		this.level = ResourceLeakDetector.getLevel();
		ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
		// Buffers that earlier tests dropped are not this test's leaks.
		reportDroppedBuffers();
	}

	@Override
	public void afterEach(ExtensionContext context) {
		try {
			assertThat(reportDroppedBuffers()).as("Netty buffers leaked (never released)").isEmpty();
		}
		finally {
			ResourceLeakDetector.setLevel(this.level);
		}
	}

	private static List<String> reportDroppedBuffers() {
		String canary = CANARY + canaries.incrementAndGet();
		dropUnreleased(canary);
		// The detector reports what the collector found when it tracks the next buffer.
		for (int attempt = 0; attempt < 200 && leaks.stream().noneMatch((leak) -> leak.contains(canary)); attempt++) {
			System.gc();
			PooledByteBufAllocator.DEFAULT.buffer(1).release();
		}
		List<String> found = new ArrayList<>();
		for (String leak = leaks.poll(); leak != null; leak = leaks.poll()) {
			found.add(leak);
		}
		assertThat(found)
			.as("a buffer dropped on purpose is reported, so Netty's leak detector is %s",
					RecordingDetector.class.getName())
			.anyMatch((leak) -> leak.contains(canary));
		found.removeIf((leak) -> leak.contains(canary));
		return found;
	}

	private static void dropUnreleased(String hint) {
		ByteBuf buffer = PooledByteBufAllocator.DEFAULT.buffer(1);
		buffer.touch(hint);
	}

	/**
	 * Leak detector that keeps what it reports for {@link NettyLeakDetection}; public, as
	 * Netty creates it by its name.
	 *
	 * @param <T> the type of resource tracked
	 */
	public static final class RecordingDetector<T> extends ResourceLeakDetector<T> {

		public RecordingDetector(Class<?> resourceType, int samplingInterval) {
			super(resourceType, samplingInterval);
		}

		// The constructor that Netty looks for first.
		public RecordingDetector(Class<?> resourceType, int samplingInterval, long maxActive) {
			this(resourceType, samplingInterval);
		}

		@Override
		protected boolean needReport() {
			return true;
		}

		@Override
		protected void reportTracedLeak(String resourceType, String records) {
			leaks.add(resourceType + records);
			if (!records.contains(CANARY)) {
				super.reportTracedLeak(resourceType, records);
			}
		}

		@Override
		protected void reportUntracedLeak(String resourceType) {
			leaks.add(resourceType);
			super.reportUntracedLeak(resourceType);
		}

	}

}
