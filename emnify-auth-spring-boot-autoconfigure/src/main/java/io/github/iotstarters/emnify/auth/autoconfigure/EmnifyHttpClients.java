package io.github.iotstarters.emnify.auth.autoconfigure;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.HttpRedirects;
import org.springframework.boot.http.client.autoconfigure.HttpClientSettingsPropertyMapper;
import org.springframework.boot.http.client.autoconfigure.service.HttpServiceClientProperties;
import org.springframework.boot.http.client.reactive.ClientHttpConnectorBuilder;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.core.io.ResourceLoader;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.reactive.ClientHttpConnector;

/**
 * The HTTP clients under the starter's web and rest clients: built with Spring Boot's
 * connector and request factory builders from Boot's settings, as the application
 * configured them ({@code spring.http.clients.*}, and for the HTTP service group
 * {@code spring.http.serviceclient.emnify.*}), except that they never follow a
 * redirect, so that neither a token nor a login body goes to the host a redirect names.
 */
final class EmnifyHttpClients {

	private EmnifyHttpClients() {
	}

	static HttpClientSettings settings(ObjectProvider<HttpClientSettings> settings) {
		return settings.getIfAvailable(HttpClientSettings::defaults).withRedirects(HttpRedirects.DONT_FOLLOW);
	}

	static HttpClientSettings groupSettings(ObjectProvider<HttpClientSettings> settings,
			ObjectProvider<HttpServiceClientProperties> groups, ObjectProvider<SslBundles> sslBundles) {
		HttpServiceClientProperties properties = groups.getIfAvailable();
		return new HttpClientSettingsPropertyMapper(sslBundles.getIfAvailable(), settings.getIfAvailable())
			.map((properties != null) ? properties.get(EmnifyAuthAutoConfiguration.HTTP_SERVICE_GROUP) : null)
			.withRedirects(HttpRedirects.DONT_FOLLOW);
	}

	static ClientHttpConnector connector(ResourceLoader resourceLoader,
			ObjectProvider<ClientHttpConnectorBuilder<?>> builder, HttpClientSettings settings) {
		return builder.getIfAvailable(() -> ClientHttpConnectorBuilder.detect(resourceLoader.getClassLoader()))
			.build(settings);
	}

	static ClientHttpRequestFactory requestFactory(ResourceLoader resourceLoader,
			ObjectProvider<ClientHttpRequestFactoryBuilder<?>> builder, HttpClientSettings settings) {
		return builder.getIfAvailable(() -> ClientHttpRequestFactoryBuilder.detect(resourceLoader.getClassLoader()))
			.build(settings);
	}

}
