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

package io.github.iotstarters.emnify.auth.mfa;

import java.util.Arrays;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code emnify.mfa.email.sender}: addresses match exactly, domains with their
 * subdomains, ignoring case; a part of an address never does.
 */
class SendersTests {

	@ParameterizedTest(name = "{0} sends {1}: {2}")
	@CsvSource(delimiter = '|', textBlock = """
			emnify.com                  | no-reply@emnify.com                   | true
			emnify.com                  | NO-REPLY@EMNIFY.COM                   | true
			EMNIFY.com                  | no-reply@emnify.com                   | true
			emnify.com                  | no-reply@mail.emnify.com              | true
			emnify.com                  | no-reply@eu.mail.emnify.com           | true
			emnify.com                  | emnify@attacker.example               | false
			emnify.com                  | no-reply@emnify.com.attacker.example  | false
			emnify.com                  | x@notemnify.com                       | false
			emnify.com                  | x@emnify.company                      | false
			emnify.com                  | '"x@emnify.com"@attacker.example'     | false
			emnify.com                  | emnify.com                            | false
			no-reply@emnify.com         | no-reply@emnify.com                   | true
			no-reply@emnify.com         | No-Reply@Emnify.Com                   | true
			no-reply@emnify.com         | other@emnify.com                      | false
			no-reply@emnify.com         | no-reply@mail.emnify.com              | false
			no-reply@emnify.com         | xno-reply@emnify.com                  | false
			'no-reply@emnify.com, emnify.io' | ops@emnify.io                    | true
			'no-reply@emnify.com, emnify.io' | ops@emnify.com                   | false
			""")
	void senderIsAnAddressOrADomainNeverAPart(String senders, String address, boolean matches) {
		assertThat(Senders.of(Arrays.asList(senders.split(","))).matches(address)).isEqualTo(matches);
	}

	@ParameterizedTest(name = "''{0}'' is a sender: {1}")
	@CsvSource(delimiter = '|', textBlock = """
			emnify.com                   | true
			mail.emnify.com              | true
			' emnify.com '               | true
			no-reply@emnify.com          | true
			first.last+mfa@emnify.com    | true
			emnify                       | false
			''                           | false
			@emnify.com                  | false
			no-reply@                    | false
			no-reply@emnify              | false
			*.emnify.com                 | false
			.emnify.com                  | false
			emnify..com                  | false
			-emnify.com                  | false
			emnify <no-reply@emnify.com> | false
			no reply@emnify.com          | false
			""")
	void senderIsAnAddressOrADomain(String sender, boolean isSender) {
		assertThat(EmnifyMfaEmailSettings.isSender(sender)).isEqualTo(isSender);
	}

}
