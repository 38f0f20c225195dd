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

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import org.jspecify.annotations.Nullable;

/**
 * How a code is found with a code pattern, whose first group is the code: a blank group
 * is no code, and a pattern whose group can match the empty string is refused.
 */
final class CodePatterns {

	private CodePatterns() {
	}

	/**
	 * Find the code in a text: the first group of the first match whose group is not
	 * blank.
	 * @param codePattern the pattern whose first group is the code
	 * @param text the text
	 * @return the code, or {@code null} if the text holds none
	 */
	static @Nullable String find(Pattern codePattern, String text) {
		Matcher matcher = codePattern.matcher(text);
		while (matcher.find()) {
			String code = matcher.group(1);
			if (code != null && !code.isBlank()) {
				return code;
			}
		}
		return null;
	}

	/**
	 * Return whether the first group of a pattern can match the empty string, such as
	 * that of {@code (\d*)}, as far as the group's own text shows: a lookaround outside
	 * the group, or a reference to another group, is not followed.
	 * @param codePattern the pattern
	 * @return whether its first group matches the empty string
	 */
	static boolean matchesEmptyCode(Pattern codePattern) {
		String group = firstGroup(codePattern.pattern());
		if (group == null) {
			return false;
		}
		try {
			return Pattern.compile(group, codePattern.flags()).matcher("").matches();
		}
		catch (PatternSyntaxException ex) {
			// Not a pattern of its own, such as one that refers to another group: a
			// blank code that it finds is still never used.
			return false;
		}
	}

	// The text of the first capturing group: escapes, quotes and character classes
	// skipped, non-capturing groups and lookarounds passed over.
	private static @Nullable String firstGroup(String regex) {
		int start = -1;
		int depth = 0;
		int i = 0;
		while (i < regex.length()) {
			int literalEnd = afterLiteral(regex, i);
			if (literalEnd > i) {
				i = literalEnd;
				continue;
			}
			char c = regex.charAt(i);
			if (c == '(') {
				if (start >= 0) {
					depth++;
				}
				else if (isCapturing(regex, i)) {
					start = (regex.startsWith("(?<", i)) ? regex.indexOf('>', i) + 1 : i + 1;
					depth = 1;
				}
			}
			else if (c == ')' && start >= 0 && --depth == 0) {
				return regex.substring(start, i);
			}
			i++;
		}
		return null;
	}

	// The end of the escape, quote or character class at i, in which no parenthesis
	// opens or closes a group; i itself if there is none.
	private static int afterLiteral(String regex, int i) {
		if (regex.startsWith("\\Q", i)) {
			int end = regex.indexOf("\\E", i + 2);
			return (end < 0) ? regex.length() : end + 2;
		}
		if (regex.charAt(i) == '\\') {
			return i + 2;
		}
		return (regex.charAt(i) == '[') ? afterCharacterClass(regex, i) : i;
	}

	// A ']' right after '[' or '[^' is a member, as are nested classes.
	private static int afterCharacterClass(String regex, int open) {
		int i = open + 1;
		if (i < regex.length() && regex.charAt(i) == '^') {
			i++;
		}
		if (i < regex.length() && regex.charAt(i) == ']') {
			i++;
		}
		while (i < regex.length()) {
			int literalEnd = afterLiteral(regex, i);
			if (literalEnd > i) {
				i = literalEnd;
				continue;
			}
			if (regex.charAt(i) == ']') {
				return i + 1;
			}
			i++;
		}
		return i;
	}

	// "(" opens a capturing group, as does "(?<name>"; "(?:", "(?=", "(?<=", "(?i)" and
	// the like do not.
	private static boolean isCapturing(String regex, int open) {
		if (!regex.startsWith("(?", open)) {
			return true;
		}
		return regex.startsWith("(?<", open) && open + 3 < regex.length() && Character.isLetter(regex.charAt(open + 3));
	}

}
