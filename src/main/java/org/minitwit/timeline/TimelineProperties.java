package org.minitwit.timeline;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * @param pageSize messages per timeline page
 */
@Validated
@ConfigurationProperties("minitwit")
record TimelineProperties(@Min(1) @Max(200) int pageSize) {
}
