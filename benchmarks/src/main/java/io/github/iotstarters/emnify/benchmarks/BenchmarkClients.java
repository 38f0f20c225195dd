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

import java.time.Duration;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * The loopback server, the application context and the clients the JMH benchmarks
 * measure, set up as {@link BenchmarkSetup} sets them up. emnifyWebClient's token is
 * obtained here, once, and the baseline sends the same bearer header; {@link #close()}
 * fails if the benchmark logged in again.
 */
final class BenchmarkClients implements AutoCloseable {

	final LoopbackServer server;

	final ConfigurableApplicationContext context;

	final WebClient.Builder bootBuilder;

	final String bearerHeader;

	final WebClient baseline;

	final WebClient emnifyWebClient;

	BenchmarkClients() {
		this.server = new LoopbackServer();
		this.context = BenchmarkSetup.applicationContext(this.server);
		this.bootBuilder = this.context.getBean(WebClient.Builder.class);
		this.bearerHeader = BenchmarkSetup.bearerHeader(this.context);
		this.baseline = BenchmarkSetup.baseline(this.bootBuilder, this.server, this.bearerHeader);
		this.emnifyWebClient = this.context.getBean("emnifyWebClient", WebClient.class);
		if (this.server.emnifyLogins.get() != 1) {
			throw new IllegalStateException("Expected one login in setup, saw " + this.server.emnifyLogins.get());
		}
	}

	/**
	 * The client of a variant, each sending the baseline's bearer header:
	 * <ul>
	 * <li>{@code baseline}: a second baseline client, the control: its ratio to the
	 * baseline should be 1;
	 * <li>{@code emnifyWebClient}: the starter's bean;
	 * <li>{@code springSecurity}: Spring Security's OAuth2 client filter on Boot's
	 * builder (its token endpoint issues tokens as long as emnify's);
	 * <li>{@code webClientCreate}: {@code WebClient.create()}'s builder, for reference.
	 * </ul>
	 * @param name the variant's name, one of those above
	 * @return the variant's client: a new one, except for the starter's shared bean
	 * @throws IllegalArgumentException if there is no variant of that name
	 */
	WebClient variant(String name) {
		return switch (name) {
			case "baseline" -> BenchmarkSetup.baseline(this.bootBuilder, this.server, this.bearerHeader);
			case "emnifyWebClient" -> this.emnifyWebClient;
			case "springSecurity" ->
				BenchmarkSetup.springSecurity(this.bootBuilder, this.server, Duration.ofSeconds(60));
			case "webClientCreate" -> BenchmarkSetup.plainWebClient(this.server, this.bearerHeader);
			default -> throw new IllegalArgumentException("No such variant: " + name);
		};
	}

	@Override
	public void close() {
		int logins = this.server.emnifyLogins.get();
		this.context.close();
		this.server.close();
		if (logins != 1) {
			throw new IllegalStateException("The measured loop logged in: " + logins + " logins in all, expected 1");
		}
	}

}
