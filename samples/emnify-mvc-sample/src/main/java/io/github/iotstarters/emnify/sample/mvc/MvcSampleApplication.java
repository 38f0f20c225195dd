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

package io.github.iotstarters.emnify.sample.mvc;

import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.util.StringUtils;

import io.github.iotstarters.emnify.auth.test.EmnifySimulator;

/**
 * A Spring MVC service that serves emnify's SIMs and endpoints through the typed clients
 * {@code EmnifyEndpoints} and {@code EmnifySims}, with emnify's health and metrics under
 * {@code /actuator}.
 * <p>
 * With {@code EMNIFY_APPLICATION_TOKEN} (or {@code EMNIFY_USERNAME} and
 * {@code EMNIFY_PASSWORD}) in the environment it talks to the real emnify; without, it
 * starts an embedded emnify simulator first. It serves until stopped.
 */
@SpringBootApplication
public class MvcSampleApplication {

	public static void main(String[] args) {
		if (StringUtils.hasText(System.getenv("EMNIFY_APPLICATION_TOKEN"))
				|| StringUtils.hasText(System.getenv("EMNIFY_USERNAME"))) {
			SpringApplication.run(MvcSampleApplication.class, args);
			return;
		}
		EmnifySimulator simulator = EmnifySimulator.builder()
			.workspace(1001, "Demo Production")
			.applicationToken("demo-application-token", 1001)
			.build()
			.start();
		System.out.println("No EMNIFY_APPLICATION_TOKEN or EMNIFY_USERNAME set: using the emnify simulator at "
				+ simulator.baseUrl());
		SpringApplication application = new SpringApplication(MvcSampleApplication.class);
		application.setDefaultProperties(
				Map.of("emnify.base-url", simulator.baseUrl(), "emnify.application-token", "demo-application-token"));
		application.run(args).addApplicationListener((event) -> {
			if (event instanceof org.springframework.context.event.ContextClosedEvent) {
				simulator.stop();
			}
		});
	}

}
