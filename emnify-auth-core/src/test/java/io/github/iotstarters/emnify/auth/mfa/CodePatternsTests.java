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

import java.util.regex.Pattern;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code emnify.mfa.email.code-pattern}: a blank group is no code, and a pattern whose
 * group can match the empty string is refused.
 */
class CodePatternsTests {

	@ParameterizedTest(name = "{0} finds an empty code: {1}")
	@CsvSource(delimiterString = "=>", quoteCharacter = '`', textBlock = """
			(\\d*)                         => true
			code: (\\d*)                   => true
			code: (\\d{0,6})               => true
			(\\d{6}|)                      => true
			(?<code>\\d*)                  => true
			((\\d{6})?)                    => true
			(?<=code: )(\\d*)              => true
			[(](\\d*)                      => true
			(\\d*+)                        => true
			(\\d{6})                       => false
			(?<!\\d)(\\d{6})(?!\\d)        => false
			code: ([A-Z0-9]{6})            => false
			(?i)code: ([a-z0-9]{6})        => false
			(?:code: )(\\d+)               => false
			(?<code>\\d{6})                => false
			\\((\\d{6})\\)                 => false
			\\Q(\\E(\\d{6})                => false
			[]()](\\d{6})                  => false
			(\\d{6})?                      => false
			(a(\\d)*)                      => false
			""")
	void aGroupThatMatchesTheEmptyStringFindsEmptyCodes(String codePattern, boolean matchesEmptyCode) {
		assertThat(EmnifyMfaEmailSettings.matchesEmptyCode(Pattern.compile(codePattern))).isEqualTo(matchesEmptyCode);
	}

	@ParameterizedTest(name = "{0} in ''{1}'': {2}")
	@CsvSource(delimiterString = "=>", quoteCharacter = '`', textBlock = """
			(\\d*)                  => Your code: 123456    => 123456
			(\\d{6})?               => Your code: 123456    => 123456
			code: (\\s*)(\\d{6})?   => code: 123456         =>
			(\\d{6})                => No code here         =>
			(?<!\\d)(\\d{6})(?!\\d)  => 1234567 or 234567    => 234567
			""")
	void theCodeIsTheFirstGroupThatIsNotBlank(String codePattern, String text, String code) {
		assertThat(CodePatterns.find(Pattern.compile(codePattern), text)).isEqualTo(code);
	}

}
