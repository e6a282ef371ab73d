package org.minitwit.system;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.minitwit.follow.FollowerRepository;
import org.minitwit.timeline.MessageRepository;
import org.minitwit.user.SignInThrottle;
import org.minitwit.user.UserRepository;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

/**
 * Every controller, filter and template of MiniTwit with its real security rules, over mocked
 * repositories. Slice tests of all packages use this one annotation, so they share one Spring context;
 * the test classes reach the mocks with {@code @Autowired}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@WebMvcTest
// SecurityConfig is package-private; this annotation is how tests of other packages import it.
@Import(SecurityConfig.class)
// The application's @ConfigurationPropertiesScan is not part of a slice.
@EnableConfigurationProperties(MiniTwitProperties.class)
// The mocked throttle refuses nothing (its refusal is empty) unless a test says otherwise.
@MockitoBean(types = { UserRepository.class, MessageRepository.class, FollowerRepository.class, SignInThrottle.class })
public @interface MiniTwitWebSlice {

}
