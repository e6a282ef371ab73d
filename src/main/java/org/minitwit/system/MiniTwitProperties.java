package org.minitwit.system;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the product itself.
 *
 * @param pageSize messages per timeline page
 * @param instanceId a name for this instance, sent as the {@code X-MiniTwit-Instance} response
 * header so that operators (and the multi-instance tests) can see which instance answered; no
 * header when unset
 */
@Validated
@ConfigurationProperties("minitwit")
public record MiniTwitProperties(@Min(1) @Max(200) int pageSize, String instanceId) {
}
