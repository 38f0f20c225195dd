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

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.common.Notifier;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import org.jspecify.annotations.Nullable;

/**
 * The WireMock server a simulator answers on, on 127.0.0.1: every request goes to the
 * {@link SimulatorTransformer}. It can be started again after a stop. Guarded by the
 * monitor of the {@link EmnifySimulator} that owns it.
 */
final class SimulatorServer {

	private static final Logger logger = System.getLogger(EmnifySimulator.class.getName());

	private static final String BIND_ADDRESS = "127.0.0.1";

	private static final int CONTAINER_THREADS = 100;

	private final int requestedPort;

	private final SimulatorTransformer transformer;

	private @Nullable WireMockServer server;

	SimulatorServer(int requestedPort, SimulatorTransformer transformer) {
		this.requestedPort = requestedPort;
		this.transformer = transformer;
	}

	void start() {
		if (this.server != null) {
			throw new IllegalStateException("emnify simulator is already running on " + baseUrl(port()));
		}
		WireMockServer wireMockServer = new WireMockServer(WireMockConfiguration.options()
			.bindAddress(BIND_ADDRESS)
			.port(this.requestedPort)
			.containerThreads(CONTAINER_THREADS)
			.extensions(this.transformer)
			.notifier(new DebugNotifier())
			.disableRequestJournal()
			.stubRequestLoggingDisabled(true)
			.gzipDisabled(true));
		wireMockServer.start();
		wireMockServer.stubFor(WireMock.any(WireMock.anyUrl())
			.willReturn(WireMock.aResponse().withTransformers(SimulatorTransformer.NAME)));
		this.server = wireMockServer;
		logger.log(Level.DEBUG, () -> "emnify simulator started on " + baseUrl(port()));
	}

	void stop() {
		if (this.server != null) {
			this.server.stop();
			this.server = null;
			logger.log(Level.DEBUG, "emnify simulator stopped");
		}
	}

	boolean isRunning() {
		return this.server != null;
	}

	int port() {
		if (this.server == null) {
			throw new IllegalStateException("emnify simulator is not running");
		}
		return this.server.port();
	}

	static String baseUrl(int port) {
		return "http://" + BIND_ADDRESS + ":" + port;
	}

	/**
	 * Routes WireMock's own messages to DEBUG; they never carry request bodies because
	 * every request matches the simulator's catch-all stub.
	 */
	private static final class DebugNotifier implements Notifier {

		@Override
		public void info(String message) {
			logger.log(Level.DEBUG, message);
		}

		@Override
		public void error(String message) {
			logger.log(Level.DEBUG, message);
		}

		@Override
		public void error(String message, Throwable cause) {
			logger.log(Level.DEBUG, message, cause);
		}

	}

}
