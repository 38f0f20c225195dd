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

package io.github.iotstarters.emnify.auth.autoconfigure;

import java.time.Duration;
import java.time.Instant;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.aot.test.generate.TestGenerationContext;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.http.codec.autoconfigure.CodecsAutoConfiguration;
import org.springframework.boot.http.converter.autoconfigure.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.annotation.AnnotationConfigUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.aot.ApplicationContextAotGenerator;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.test.tools.CompileWithForkedClassLoader;
import org.springframework.core.test.tools.TestCompiler;
import org.springframework.javapoet.ClassName;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;

import io.github.iotstarters.emnify.auth.test.JwtCodec;
import io.github.iotstarters.emnify.auth.testsupport.LoopbackWireMock;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The auto-configurations processed ahead of time, as for a native image: the generated
 * context starts, authenticates through emnifyWebClient and emnifyRestClient, and has the
 * health indicator and meters. The starter reads emnify's JSON as trees, so it has no
 * DTOs that would need reflection hints.
 */
class EmnifyAotTests {

	private static final JwtCodec JWTS = new JwtCodec();

	@RegisterExtension
	static WireMockExtension emnify = LoopbackWireMock.extension();

	@Test
	@CompileWithForkedClassLoader
	void processedAheadOfTimeTheContextStartsAndAuthenticates() {
		String token = JWTS.token(Instant.now(), Duration.ofMinutes(240));
		emnify.stubFor(post("/api/v1/authenticate").willReturn(okJson("{\"auth_token\":\"" + token + "\"}")));
		emnify.stubFor(get("/api/v1/sim").willReturn(okJson("[]")));
		GenericApplicationContext buildTime = context();
		AnnotationConfigUtils.registerAnnotationConfigProcessors(buildTime);
		buildTime.registerBean(ClientConfiguration.class);
		TestGenerationContext generationContext = new TestGenerationContext(ClientConfiguration.class);
		ClassName initializer = new ApplicationContextAotGenerator().processAheadOfTime(buildTime, generationContext);
		generationContext.writeGeneratedContent();
		TestCompiler.forSystem().with(generationContext).compile((compiled) -> {
			GenericApplicationContext runTime = context();
			@SuppressWarnings("unchecked")
			ApplicationContextInitializer<GenericApplicationContext> generated = compiled
				.getInstance(ApplicationContextInitializer.class, initializer.reflectionName());
			generated.initialize(runTime);
			runTime.refresh();
			try {
				runTime.getBean("emnifyWebClient", WebClient.class)
					.get()
					.uri("/api/v1/sim")
					.retrieve()
					.toBodilessEntity()
					.block();
				runTime.getBean("emnifyRestClient", RestClient.class)
					.get()
					.uri("/api/v1/sim")
					.retrieve()
					.toBodilessEntity();
				assertThat(runTime.getBean("emnifyHealthIndicator", ReactiveHealthIndicator.class)
					.health()
					.block()
					.getStatus()).isEqualTo(Status.UP);
				assertThat(runTime.getBean(MeterRegistry.class).get("emnify.auth.requests").timer().count()).isOne();
			}
			finally {
				runTime.close();
			}
		});
		emnify.verify(2,
				getRequestedFor(urlEqualTo("/api/v1/sim")).withHeader("Authorization", equalTo("Bearer " + token)));
	}

	private static GenericApplicationContext context() {
		GenericApplicationContext context = new GenericApplicationContext();
		context.setEnvironment(new MockEnvironment().withProperty("emnify.base-url", emnify.baseUrl())
			.withProperty("emnify.application-token", "app-token"));
		return context;
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ CodecsAutoConfiguration.class, WebClientAutoConfiguration.class,
			HttpMessageConvertersAutoConfiguration.class, RestClientAutoConfiguration.class,
			EmnifyAuthMetricsAutoConfiguration.class, EmnifyWorkspacesAutoConfiguration.class,
			EmnifyAuthAutoConfiguration.class, EmnifyRestClientAutoConfiguration.class,
			EmnifyHealthAutoConfiguration.class })
	static class ClientConfiguration {

		@Bean
		MeterRegistry meterRegistry() {
			return new SimpleMeterRegistry();
		}

	}

}
