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

import java.util.List;
import java.util.stream.Stream;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.github.iotstarters.emnify.api.model.Endpoint;
import io.github.iotstarters.emnify.auth.testsupport.LoopbackWireMock;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * "Every page" in both styles against emnify's paging: {@code X-Total-Pages} re-read from
 * every answer, the last page served again for a page past it, empty pages in between,
 * header names in any case, no headers at all.
 */
class EveryPageTests {

	@RegisterExtension
	static WireMockExtension emnify = LoopbackWireMock.extension();

	enum Style {

		BLOCKING {
			@Override
			Stream<Endpoint> all(String baseUrl, int limit) {
				return EmnifyClients.blocking(baseUrl, EmnifyEndpoints.class).all(ListQuery.all(), 2).limit(limit);
			}
		},

		REACTIVE {
			@Override
			Stream<Endpoint> all(String baseUrl, int limit) {
				List<Endpoint> items = EmnifyClients.reactive(baseUrl, ReactiveEmnifyEndpoints.class)
					.all(ListQuery.all(), 2)
					.take(limit)
					.collectList()
					.block();
				return (items != null) ? items.stream() : Stream.empty();
			}
		};

		abstract Stream<Endpoint> all(String baseUrl, int limit);

	}

	private static void page(int page, String items, String... headers) {
		ResponseDefinitionBuilder answer = okJson("[" + items + "]");
		for (int i = 0; i < headers.length; i += 2) {
			answer = answer.withHeader(headers[i], headers[i + 1]);
		}
		emnify.stubFor(get(urlPathEqualTo("/api/v1/endpoint")).withQueryParam("page", equalTo(Integer.toString(page)))
			.willReturn(answer));
	}

	private static List<Long> ids(Style style, int limit) {
		return style.all(emnify.baseUrl(), limit).map(Endpoint::id).toList();
	}

	private static int pagesAsked() {
		return emnify.findAll(getRequestedFor(urlPathEqualTo("/api/v1/endpoint"))).size();
	}

	@ParameterizedTest
	@EnumSource
	void anEmptyPageInTheMiddleDoesNotEndTheWalk(Style style) {
		page(1, "{\"id\":1},{\"id\":2}", "X-Total-Pages", "3", "X-Current-Page", "1");
		page(2, "", "X-Total-Pages", "3", "X-Current-Page", "2");
		page(3, "{\"id\":5}", "X-Total-Pages", "3", "X-Current-Page", "3");

		assertThat(ids(style, 100)).containsExactly(1L, 2L, 5L);
		assertThat(pagesAsked()).isEqualTo(3);
	}

	@ParameterizedTest
	@EnumSource
	void aPagePastTheLastAnsweredWithTheLastEndsTheWalk(Style style) {
		page(1, "{\"id\":1},{\"id\":2}", "X-Total-Pages", "2", "X-Current-Page", "1");
		page(2, "{\"id\":1},{\"id\":2}", "X-Total-Pages", "1", "X-Current-Page", "1");

		assertThat(ids(style, 100)).containsExactly(1L, 2L, 1L, 2L);
		assertThat(pagesAsked()).isEqualTo(2);
	}

	@ParameterizedTest
	@EnumSource
	void theLastPageEndsTheWalkEvenWhenItsCurrentPageAgrees(Style style) {
		page(1, "{\"id\":1},{\"id\":2}", "X-Total-Pages", "2", "X-Current-Page", "1");
		page(2, "{\"id\":3}", "X-Total-Pages", "2", "X-Current-Page", "2");
		page(3, "{\"id\":3}", "X-Total-Pages", "2", "X-Current-Page", "2");

		assertThat(ids(style, 100)).containsExactly(1L, 2L, 3L);
		assertThat(pagesAsked()).isEqualTo(2);
	}

	@ParameterizedTest
	@EnumSource
	void lowerCaseHeadersAreRead(Style style) {
		page(1, "{\"id\":1}", "x-total-pages", "2", "x-current-page", "1");
		page(2, "{\"id\":2}", "x-total-pages", "2", "x-current-page", "2");

		assertThat(ids(style, 100)).containsExactly(1L, 2L);
	}

	@ParameterizedTest
	@EnumSource
	void noPagingHeadersMeanOnePage(Style style) {
		page(1, "{\"id\":1},{\"id\":2}");
		page(2, "{\"id\":3}");

		assertThat(ids(style, 100)).containsExactly(1L, 2L);
		assertThat(pagesAsked()).isEqualTo(1);
	}

	@ParameterizedTest
	@EnumSource
	void pagesAreFetchedOnlyWhenTheirItemsAreWanted(Style style) {
		page(1, "{\"id\":1},{\"id\":2},{\"id\":3},{\"id\":4}", "X-Total-Pages", "4", "X-Current-Page", "1");
		page(2, "{\"id\":5}", "X-Total-Pages", "4", "X-Current-Page", "2");

		assertThat(ids(style, 3)).containsExactly(1L, 2L, 3L);
		assertThat(pagesAsked()).isEqualTo(1);
	}

}
