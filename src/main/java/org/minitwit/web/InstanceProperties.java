package org.minitwit.web;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param instanceId a name for this instance, sent as the {@code X-MiniTwit-Instance}
 * response header so that operators (and the multi-instance tests) can see which instance
 * answered; no header when unset
 */
@ConfigurationProperties("minitwit")
record InstanceProperties(String instanceId) {
}
