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

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.http.codec.autoconfigure.CodecsAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;

import io.github.iotstarters.emnify.auth.EmnifyAuthenticationException;
import io.github.iotstarters.emnify.auth.EmnifyTokenProvider;
import io.github.iotstarters.emnify.auth.testsupport.LoopbackWireMock;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * An {@code emnify.password} of 40 hexadecimal digits is most likely the password's
 * SHA-1, given to the wrong property: the start warns once, and a rejection says so, but
 * the password is sent as any password is, hashed once, since a password may look so.
 */
@ExtendWith(OutputCaptureExtension.class)
class HashedPasswordTests {

	private static final String AUTHENTICATE = "/api/v1/authenticate";

	@RegisterExtension
	static WireMockExtension emnify = LoopbackWireMock.extension();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(CodecsAutoConfiguration.class, WebClientAutoConfiguration.class,
				EmnifyWorkspacesAutoConfiguration.class, EmnifyAuthAutoConfiguration.class))
		.withPropertyValues("emnify.base-url=" + emnify.baseUrl(), "emnify.retry.max-retries=0",
				"emnify.username=user@service.org");

	@ParameterizedTest(name = "{0}: {1}")
	@CsvSource(textBlock = """
			40 lower-case hex digits,   5eb942810a75ebc850972a89285d570d484c89c4,  true
			40 upper-case hex digits,   5EB942810A75EBC850972A89285D570D484C89C4,  true
			39 hex digits,              5eb942810a75ebc850972a89285d570d484c89c,   false
			41 hex digits,              5eb942810a75ebc850972a89285d570d484c89c4a, false
			40 digits with a non-hex,   5eb942810a75ebc850972a89285d570d484c89cg,  false
			""")
	void aPasswordThatLooksHashedIsWarnedOfAndSentAsAnyPassword(String shape, String password, boolean looksHashed,
			CapturedOutput output) {
		emnify.stubFor(post(AUTHENTICATE).willReturn(aResponse().withStatus(401)));
		AtomicReference<EmnifyAuthenticationException> failure = new AtomicReference<>();
		this.contextRunner.withPropertyValues("emnify.password=" + password).run((context) -> {
			EmnifyTokenProvider provider = context.getBean(EmnifyTokenProvider.class);
			failure.set(catchThrowableOfType(EmnifyAuthenticationException.class,
					() -> provider.getToken().block(Duration.ofSeconds(10))));
		});
		// Sent as it always was: the SHA-1 of the value as given, once.
		emnify.verify(1, postRequestedFor(urlEqualTo(AUTHENTICATE))
			.withRequestBody(matchingJsonPath("$.password", equalTo(sha1(password)))));
		List<String> warnings = output.getAll()
			.lines()
			.filter((line) -> line.contains("WARN") && line.contains(EmnifyPropertiesMapper.class.getSimpleName()))
			.toList();
		assertThat(failure.get()).isNotNull();
		if (looksHashed) {
			assertThat(warnings).singleElement()
				.asString()
				.contains("emnify.password looks like a SHA-1 hash", "emnify.password-sha1")
				.satisfies((warning) -> assertThat(partsOf(password)).noneMatch(warning::contains));
			assertThat(failure.get()).hasMessageEndingWith("(emnify locks a user out after three failed logins). "
					+ "emnify.password looks like a SHA-1 hash (40 hexadecimal digits; its value is not shown), and is "
					+ "hashed once more before it is sent: if it is the SHA-1 of the password, set it as "
					+ "emnify.password-sha1 instead of emnify.password.");
		}
		else {
			assertThat(warnings).isEmpty();
			assertThat(failure.get()).hasMessageNotContaining("looks like a SHA-1");
		}
		assertThat(output.getAll()).doesNotContain(password);
		assertThat(failure.get()).hasMessageNotContaining(password);
	}

	// Every run of six characters of the password.
	private static List<String> partsOf(String password) {
		return IntStream.rangeClosed(0, password.length() - 6).mapToObj((i) -> password.substring(i, i + 6)).toList();
	}

	private static String sha1(String password) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-1").digest(password.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
