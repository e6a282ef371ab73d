package org.minitwit.operations;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param enabled whether the instance serves itself a few requests before it reports
 * ready ({@link WarmUp})
 */
@ConfigurationProperties("minitwit.warm-up")
record WarmUpProperties(@DefaultValue("true") boolean enabled) {
}
