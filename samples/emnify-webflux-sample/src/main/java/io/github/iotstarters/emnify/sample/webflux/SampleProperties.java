package io.github.iotstarters.emnify.sample.webflux;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How the sample pages through emnify.
 *
 * @param perPage entries per page
 * @param pageDelay pause between two page requests; emnify serves about ten requests per
 * second on the endpoint and SIM lists
 */
@ConfigurationProperties("sample")
public record SampleProperties(int perPage, Duration pageDelay) {

}
