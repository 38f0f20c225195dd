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

package io.github.iotstarters.emnify.auth.fleet;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;

import io.github.iotstarters.emnify.auth.EmnifyTokenProvider;

/**
 * One instance of a service that uses the starter: nothing but auto-configuration. Run as
 * a separate JVM by the test that kills a lease holder mid-login, it asks for a token and
 * so starts a login.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
public class FleetInstance {

	public static void main(String[] args) {
		ConfigurableApplicationContext context = SpringApplication.run(FleetInstance.class, args);
		System.out.println("fleet instance: logging in");
		context.getBean(EmnifyTokenProvider.class).getToken().block();
		System.out.println("fleet instance: logged in");
		context.close();
	}

}
