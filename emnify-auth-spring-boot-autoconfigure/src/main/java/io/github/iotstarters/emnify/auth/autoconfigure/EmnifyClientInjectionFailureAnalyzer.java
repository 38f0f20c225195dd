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

import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.NoSuchBeanDefinitionException;
import org.springframework.beans.factory.NoUniqueBeanDefinitionException;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.analyzer.AbstractInjectionFailureAnalyzer;
import org.springframework.core.Ordered;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Reports an injection point of type {@link WebClient} or {@link RestClient} that found
 * no bean, or more than one, in an application that has emnify's: emnify's clients are
 * not candidates for injection by type, so that an application's own client stays
 * injectable by type, and a user who meant emnify's needs its qualifier. Ahead of Boot's
 * own report of a missing or ambiguous bean, which does not know of the qualifier.
 */
class EmnifyClientInjectionFailureAnalyzer extends AbstractInjectionFailureAnalyzer<NoSuchBeanDefinitionException>
		implements Ordered {

	private static final Map<Class<?>, String> EMNIFY_CLIENTS = Map.of(WebClient.class, "emnifyWebClient",
			RestClient.class, "emnifyRestClient");

	private final BeanFactory beanFactory;

	EmnifyClientInjectionFailureAnalyzer(BeanFactory beanFactory) {
		this.beanFactory = beanFactory;
	}

	@Override
	protected @Nullable FailureAnalysis analyze(Throwable rootFailure, NoSuchBeanDefinitionException cause,
			@Nullable String description) {
		Class<?> type = cause.getBeanType();
		String emnifyClient = (type != null) ? EMNIFY_CLIENTS.get(type) : null;
		if (type == null || emnifyClient == null || !this.beanFactory.containsBean(emnifyClient)) {
			return null;
		}
		String client = type.getSimpleName();
		String found = (cause instanceof NoUniqueBeanDefinitionException ambiguous)
				? ambiguous.getNumberOfBeansFound() + " beans of type " + client + " were found: "
						+ String.join(", ", ambiguous.getBeanNamesFound())
				: "no bean of type " + client + " that could be injected by type was found";
		return new FailureAnalysis(((description != null) ? description : "An injection point") + " required a single "
				+ client + ", and " + found + ". emnify's " + client + " '" + emnifyClient
				+ "' is injected only by name, so that the application's own " + client + " stays injectable by type.",
				"To call emnify, inject its client with @Qualifier(\"" + emnifyClient + "\"). To call another API, "
						+ "declare a " + client + " bean of the application's own, built from Boot's " + client
						+ ".Builder, and mark it @Primary if there is more than one.",
				cause);
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

}
