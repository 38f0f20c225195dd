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
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.http.codec.autoconfigure.CodecsAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;

import io.github.iotstarters.emnify.auth.EmnifyTokenProvider;
import io.github.iotstarters.emnify.auth.test.EmnifySimulator;
import io.github.iotstarters.emnify.auth.test.EmnifySimulatorExtension;
import io.github.iotstarters.emnify.auth.test.SimulatorCounters;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The simulator extension's properties over an application's own: a test that logs in
 * with one kind of credential is not made ambiguous by the other kind in the
 * application's {@code application.yml}.
 */
class SimulatorPropertiesTests {

	private static final String USER = "ops@example.org";

	private static final String APPLICATION_TOKEN = "simulated-application-token";

	@RegisterExtension
	static final EmnifySimulatorExtension withApplicationToken = EmnifySimulatorExtension
		.of(EmnifySimulator.builder().workspace(100, "Production").applicationToken(APPLICATION_TOKEN, 100));

	@RegisterExtension
	static final EmnifySimulatorExtension withUser = EmnifySimulatorExtension
		.of(EmnifySimulator.builder().workspace(100, "Production").user(USER, "ops-password", 100));

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(CodecsAutoConfiguration.class, WebClientAutoConfiguration.class,
				EmnifyWorkspacesAutoConfiguration.class, EmnifyAuthAutoConfiguration.class));

	@Test
	void anApplicationsOwnUserCredentialsDoNotMakeATestsApplicationTokenAmbiguous() {
		this.contextRunner
			.withPropertyValues("emnify.username=someone@application.example", "emnify.password=from-application-yml",
					"emnify.mfa.totp-secret=JBSWY3DPEHPK3PXP", "emnify.workspace-id=42",
					"emnify.mfa.email.password=${EMNIFY_TEST_UNSET_MAILBOX_PASSWORD}")
			.withPropertyValues(registered(withApplicationToken))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(EmnifyTokenProvider.class).getToken().block(Duration.ofSeconds(10)))
					.isNotBlank();
			});
		SimulatorCounters counters = withApplicationToken.simulator().counters();
		assertThat(counters.applicationTokenLogins()).isOne();
		assertThat(counters.passwordLogins()).isZero();
	}

	@Test
	void anApplicationsOwnApplicationTokenDoesNotMakeATestsUserAmbiguous() {
		this.contextRunner
			.withPropertyValues("emnify.application-token=from-application-yml",
					"emnify.password-sha1=0123456789abcdef0123456789abcdef01234567",
					"emnify.mfa.totp-secret=${EMNIFY_TEST_UNSET_TOTP}")
			.withPropertyValues(registered(withUser))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(EmnifyTokenProvider.class).getToken().block(Duration.ofSeconds(10)))
					.isNotBlank();
			});
		SimulatorCounters counters = withUser.simulator().counters();
		assertThat(counters.passwordLogins()).isOne();
		assertThat(counters.applicationTokenLogins()).isZero();
		assertThat(counters.rejected()).isZero();
	}

	private static String[] registered(EmnifySimulatorExtension extension) {
		List<String> properties = new ArrayList<>();
		extension.registerProperties((name, value) -> properties.add(name + "=" + value.get()));
		return properties.toArray(String[]::new);
	}

}
