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

package io.github.iotstarters.emnify.api;

import java.net.URI;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class EmnifyPageAndLocationTests {

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			https://cdn.emnify.net/api/v1/endpoint/11380017  | 11380017
			/api/v1/endpoint/123                             | 123
			/api/v1/endpoint/123/                            | 123
			https://cdn.emnify.net/api/v1/endpoint/42/sms/19649318 | 19649318
			https://cdn.emnify.net/api/v1/event/6734033817529352 | 6734033817529352
			""")
	void theIdIsTheLastPathSegmentOfLocation(String location, long id) {
		ResponseEntity<Void> answer = ResponseEntity.created(URI.create(location)).build();

		assertThat(EmnifyLocations.createdId(answer, "/api/v1/endpoint")).isEqualTo(id);
	}

	@ParameterizedTest
	@ValueSource(strings = { "/api/v1/endpoint/", "/api/v1/endpoint/abc" })
	void aLocationWithoutIdSaysTheCreationSucceeded(String location) {
		ResponseEntity<Void> answer = ResponseEntity.created(URI.create(location)).build();

		assertThatExceptionOfType(EmnifyCreatedWithoutIdException.class)
			.isThrownBy(() -> EmnifyLocations.createdId(answer, "/api/v1/endpoint"))
			.withMessageStartingWith("emnify's Location " + location + " in its answer to POST /api/v1/endpoint "
					+ "does not end in the id")
			.withMessageEndingWith("the resource may exist now, look it up before you create it again")
			.satisfies((ex) -> {
				assertThat(ex.getStatusCode()).isEqualTo(HttpStatus.CREATED);
				assertThat(ex.getMethod()).isEqualTo(HttpMethod.POST);
				assertThat(ex.getUri()).hasToString("/api/v1/endpoint");
				assertThat(ex.getLocation()).hasToString(location);
			});
	}

	@Test
	void anAnswerWithoutLocationSaysTheCreationSucceeded() {
		ResponseEntity<Void> answer = ResponseEntity.status(HttpStatus.CREATED).build();

		assertThatExceptionOfType(EmnifyCreatedWithoutIdException.class)
			.isThrownBy(() -> EmnifyLocations.createdId(answer, "/api/v1/endpoint/7/sms"))
			.withMessageStartingWith("emnify answered 201 CREATED to POST /api/v1/endpoint/7/sms without a Location");
	}

	@Test
	void pageReadsEmnifysHeaders() {
		HttpHeaders headers = new HttpHeaders();
		headers.add("x-current-page", "3");
		headers.add("x-count-per-page", "2");
		headers.add("x-total-count", "5");
		headers.add("x-total-pages", "3");

		EmnifyPage<String> page = EmnifyPage.of(new ResponseEntity<>(List.of("e"), headers, HttpStatus.OK), 4);

		assertThat(page).isEqualTo(new EmnifyPage<>(List.of("e"), 3, 2, 5, 3));
	}

	@Test
	void anUnpagedListIsOnePage() {
		EmnifyPage<String> page = EmnifyPage.of(ResponseEntity.ok(List.of("a", "b")), 1);

		assertThat(page).isEqualTo(new EmnifyPage<>(List.of("a", "b"), 1, 2, 2, 1));
	}

}
