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

import java.beans.PropertyDescriptor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.beans.BeanUtils;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.BindHandler;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.DataObjectPropertyName;
import org.springframework.boot.context.properties.bind.UnboundConfigurationPropertiesException;
import org.springframework.boot.context.properties.bind.handler.NoUnboundElementsBindHandler;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.UnboundElementsSourceFilter;
import org.springframework.boot.origin.Origin;
import org.springframework.core.env.Environment;

/**
 * Reports {@code emnify.*} properties that no {@link EmnifyProperties} property binds,
 * such as {@code emnify.workspace} for {@code emnify.workspace-id}: emnify's client would
 * otherwise start without them and work with defaults, against another workspace than
 * meant. Each is logged as a warning with the nearest known property, or, with
 * {@code emnify.strict-properties}, stops the start. Never a value.
 * <p>
 * A property is known whenever Boot's relaxed binding binds it
 * ({@code emnify.workspaceId} too), list elements included. Environment variables and
 * system properties are not checked, as Boot does not for
 * {@code ignoreUnknownFields = false}: a machine's environment carries variables of
 * others.
 */
final class UnknownEmnifyProperties {

	private static final Log logger = LogFactory.getLog(UnknownEmnifyProperties.class);

	private static final String PREFIX = "emnify";

	static final List<String> KNOWN = List.copyOf(knownNames(PREFIX, EmnifyProperties.class, new ArrayList<>()));

	private UnknownEmnifyProperties() {
	}

	/**
	 * Warn about each unknown {@code emnify.*} property, or stop the start.
	 * @param environment the application's environment
	 * @param strict whether an unknown property stops the start
	 */
	static void check(Environment environment, boolean strict) {
		List<String> unknown = find(environment).stream().map(UnknownEmnifyProperties::describe).toList();
		if (unknown.isEmpty()) {
			return;
		}
		if (strict) {
			throw new InvalidEmnifyPropertiesException(
					"emnify.strict-properties is set, and " + unknown.size() + " emnify property names are unknown: "
							+ String.join("; ", unknown) + ".",
					"Correct or remove each unknown emnify property, or set emnify.strict-properties=false to be "
							+ "warned of them only.");
		}
		unknown.forEach((description) -> logger.warn(description + ": it is ignored. Correct or remove it; "
				+ "emnify.strict-properties=true stops the start instead."));
	}

	static List<ConfigurationProperty> find(Environment environment) {
		try {
			Binder.get(environment)
				.bind(PREFIX, Bindable.ofInstance(new EmnifyProperties()),
						new NoUnboundElementsBindHandler(BindHandler.DEFAULT, new UnboundElementsSourceFilter()));
			return List.of();
		}
		catch (BindException ex) {
			return (ex.getCause() instanceof UnboundConfigurationPropertiesException unbound)
					? List.copyOf(unbound.getUnboundProperties()) : List.of();
		}
	}

	/**
	 * The known property nearest to a name: the fewest characters to add, drop or change
	 * to make the name the start of a known one, as {@code emnify.workspace} starts
	 * {@code emnify.workspace-id}, then to make it the whole known name.
	 * @param name an unknown property name, in its canonical form
	 * @return the nearest known property name
	 */
	static String nearest(String name) {
		return KNOWN.stream()
			.min(Comparator.comparingInt((String known) -> distances(name, known)[0])
				.thenComparingInt((known) -> distances(name, known)[1]))
			.orElseThrow();
	}

	private static String describe(ConfigurationProperty property) {
		String name = property.getName().toString();
		Origin origin = property.getOrigin();
		return "emnify does not know the property " + name + ((origin != null) ? " (" + origin + ")" : "")
				+ "; the nearest it knows is " + nearest(name);
	}

	private static List<String> knownNames(String prefix, Class<?> type, List<String> names) {
		for (PropertyDescriptor descriptor : BeanUtils.getPropertyDescriptors(type)) {
			Class<?> propertyType = descriptor.getPropertyType();
			if (descriptor.getReadMethod() == null || propertyType == null || "class".equals(descriptor.getName())) {
				continue;
			}
			String name = prefix + "." + DataObjectPropertyName.toDashedForm(descriptor.getName());
			// A group of properties of ours, nested in EmnifyProperties or a class of its
			// own.
			if (!propertyType.isEnum()
					&& propertyType.getPackageName().equals(EmnifyProperties.class.getPackageName())) {
				knownNames(name, propertyType, names);
			}
			else {
				names.add(name);
			}
		}
		return names;
	}

	// Levenshtein's distance from a to the nearest start of b, and to the whole of b.
	private static int[] distances(String a, String b) {
		int[] previous = new int[b.length() + 1];
		int[] current = new int[b.length() + 1];
		for (int j = 0; j <= b.length(); j++) {
			previous[j] = j;
		}
		for (int i = 1; i <= a.length(); i++) {
			current[0] = i;
			for (int j = 1; j <= b.length(); j++) {
				int change = previous[j - 1] + ((a.charAt(i - 1) == b.charAt(j - 1)) ? 0 : 1);
				current[j] = Math.min(change, Math.min(previous[j], current[j - 1]) + 1);
			}
			int[] row = previous;
			previous = current;
			current = row;
		}
		return new int[] { Arrays.stream(previous).min().orElseThrow(), previous[b.length()] };
	}

}
