package io.github.iotstarters.emnify.auth.autoconfigure;

import java.time.Duration;
import java.time.Instant;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.aot.test.generate.TestGenerationContext;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.http.codec.autoconfigure.CodecsAutoConfiguration;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.annotation.AnnotationConfigUtils;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.aot.ApplicationContextAotGenerator;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.test.tools.CompileWithForkedClassLoader;
import org.springframework.core.test.tools.TestCompiler;
import org.springframework.javapoet.ClassName;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.web.reactive.function.client.WebClient;

import io.github.iotstarters.emnify.auth.TestJwts;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

/**
 * The auto-configuration processed ahead of time, as for a native image: the generated
 * context starts and authenticates. The starter reads emnify's JSON as trees, so it has
 * no DTOs that would need reflection hints.
 */
class EmnifyAotTests {

	@RegisterExtension
	static WireMockExtension emnify = WireMockExtension.newInstance()
		.options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
		.build();

	@Test
	@CompileWithForkedClassLoader
	void processedAheadOfTimeTheContextStartsAndAuthenticates() {
		String token = TestJwts.issuedAt(Instant.now(), Duration.ofMinutes(240));
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
				runTime.getBean("emnifyWebClient", WebClient.class).get().uri("/api/v1/sim").retrieve()
					.toBodilessEntity().block();
			}
			finally {
				runTime.close();
			}
		});
		emnify.verify(1, getRequestedFor(urlEqualTo("/api/v1/sim")).withHeader("Authorization",
				equalTo("Bearer " + token)));
	}

	private static GenericApplicationContext context() {
		GenericApplicationContext context = new GenericApplicationContext();
		context.setEnvironment(new MockEnvironment().withProperty("emnify.base-url", emnify.baseUrl())
			.withProperty("emnify.application-token", "app-token"));
		return context;
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ CodecsAutoConfiguration.class, WebClientAutoConfiguration.class,
			EmnifyAuthAutoConfiguration.class })
	static class ClientConfiguration {

	}

}
