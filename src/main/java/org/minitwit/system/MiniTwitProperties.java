package org.minitwit.system;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the product itself.
 *
 * @param pageSize messages per timeline page
 */
@Validated
@ConfigurationProperties("minitwit")
public record MiniTwitProperties(@Min(1) @Max(200) int pageSize) {
}
