package io.github.iotstarters.emnify.auth.autoconfigure;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.WebClient;

import io.github.iotstarters.emnify.auth.EmnifyAuthenticationFilter;
import io.github.iotstarters.emnify.auth.EmnifyTokenProvider;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration Auto-configuration} for the emnify REST API: an
 * {@link EmnifyTokenProvider}, the {@link EmnifyAuthenticationFilter} and a
 * {@link WebClient} named {@code emnifyWebClient} that carries it, built from Boot's
 * {@link WebClient.Builder} so the application's codecs, connectors and observation
 * apply.
 */
@AutoConfiguration(after = WebClientAutoConfiguration.class)
@ConditionalOnClass(WebClient.class)
@ConditionalOnBooleanProperty(name = "emnify.enabled", matchIfMissing = true)
@EnableConfigurationProperties(EmnifyProperties.class)
public final class EmnifyAuthAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	EmnifyTokenProvider emnifyTokenProvider(EmnifyProperties properties,
			ObjectProvider<WebClient.Builder> webClientBuilder) {
		EmnifyPropertiesValidator.timing(properties);
		EmnifyProperties.Token token = properties.getToken();
		EmnifyProperties.Retry retry = properties.getRetry();
		RetryPolicy retryPolicy = RetryPolicy.builder()
			.maxRetries(retry.getMaxRetries())
			.delay(retry.getDelay())
			.multiplier(retry.getMultiplier())
			.maxDelay(retry.getMaxDelay())
			.jitter(retry.getJitter())
			.build();
		return EmnifyTokenProvider
			.builder(webClientBuilder.getIfAvailable(WebClient::builder), EmnifyPropertiesValidator.baseUrl(properties),
					EmnifyPropertiesValidator.credentials(properties))
			.refreshMargin(token.getRefreshMargin())
			.expiryMargin(token.getExpiryMargin())
			.defaultAuthTokenLifetime(token.getDefaultAuthTokenLifetime())
			.defaultRefreshTokenLifetime(token.getDefaultRefreshTokenLifetime())
			.requestTimeout(token.getRequestTimeout())
			.retryPolicy(retryPolicy)
			.transientFailurePause(retry.getMaxDelay())
			.rejectedCredentialsCooldown(properties.getRejectedCredentialsCooldown())
			.build();
	}

	@Bean
	@ConditionalOnMissingBean(name = "emnifyAuthenticationFilter")
	EmnifyAuthenticationFilter emnifyAuthenticationFilter(EmnifyTokenProvider emnifyTokenProvider,
			EmnifyProperties properties) {
		return new EmnifyAuthenticationFilter(emnifyTokenProvider, EmnifyPropertiesValidator.baseUrl(properties));
	}

	@Bean
	@ConditionalOnMissingBean(name = "emnifyWebClient")
	WebClient emnifyWebClient(ObjectProvider<WebClient.Builder> webClientBuilder,
			@Qualifier("emnifyAuthenticationFilter") ExchangeFilterFunction emnifyAuthenticationFilter,
			EmnifyProperties properties) {
		return webClientBuilder.getIfAvailable(WebClient::builder)
			.baseUrl(EmnifyPropertiesValidator.baseUrl(properties).toString())
			.filter(emnifyAuthenticationFilter)
			.build();
	}

}
