package io.github.iotstarters.emnify.auth.autoconfigure;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.support.RestClientHttpServiceGroupConfigurer;

import io.github.iotstarters.emnify.auth.EmnifyAuthenticationInterceptor;
import io.github.iotstarters.emnify.auth.EmnifyAuthenticationListener;
import io.github.iotstarters.emnify.auth.EmnifyTokenProvider;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration Auto-configuration}
 * for blocking clients, when Spring Boot's {@code RestClient} support is present: the
 * {@link EmnifyAuthenticationInterceptor} and a {@link RestClient} named
 * {@code emnifyRestClient} that carries it, sharing the token provider of the reactive
 * client. Blocking HTTP service clients of the group
 * {@value EmnifyAuthAutoConfiguration#HTTP_SERVICE_GROUP} get the same base URL and
 * interceptor.
 */
@AutoConfiguration(after = { EmnifyAuthAutoConfiguration.class, RestClientAutoConfiguration.class })
@ConditionalOnClass(RestClientAutoConfiguration.class)
@ConditionalOnBean(EmnifyTokenProvider.class)
@EnableConfigurationProperties(EmnifyProperties.class)
public final class EmnifyRestClientAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = "emnifyAuthenticationInterceptor")
	EmnifyAuthenticationInterceptor emnifyAuthenticationInterceptor(EmnifyTokenProvider emnifyTokenProvider,
			EmnifyProperties properties, ObjectProvider<EmnifyAuthenticationListener> listeners) {
		return new EmnifyAuthenticationInterceptor(emnifyTokenProvider, EmnifyPropertiesValidator.baseUrl(properties),
				EmnifyAuthAutoConfiguration.listener(listeners),
				EmnifyPropertiesValidator.replayMaxBodySize(properties));
	}

	@Bean
	@ConditionalOnMissingBean(name = "emnifyRestClientHttpServiceGroupConfigurer")
	RestClientHttpServiceGroupConfigurer emnifyRestClientHttpServiceGroupConfigurer(EmnifyProperties properties,
			@Qualifier("emnifyAuthenticationInterceptor") ClientHttpRequestInterceptor emnifyAuthenticationInterceptor) {
		String baseUrl = EmnifyPropertiesValidator.baseUrl(properties).toString();
		return (groups) -> groups.filterByName(EmnifyAuthAutoConfiguration.HTTP_SERVICE_GROUP)
			.forEachClient(
					(group, builder) -> builder.baseUrl(baseUrl).requestInterceptor(emnifyAuthenticationInterceptor));
	}

	@Bean
	@ConditionalOnMissingBean(name = "emnifyRestClient")
	RestClient emnifyRestClient(ObjectProvider<RestClient.Builder> restClientBuilder,
			@Qualifier("emnifyAuthenticationInterceptor") ClientHttpRequestInterceptor emnifyAuthenticationInterceptor,
			EmnifyProperties properties) {
		return restClientBuilder.getIfAvailable(RestClient::builder)
			.clone()
			.baseUrl(EmnifyPropertiesValidator.baseUrl(properties).toString())
			.requestInterceptor(emnifyAuthenticationInterceptor)
			.build();
	}

}
