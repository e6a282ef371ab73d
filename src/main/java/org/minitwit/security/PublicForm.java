package org.minitwit.security;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a handler of a state-changing request that a signed-out visitor may send (signing
 * in, say). Every other such request needs a signed-in user ({@link SecurityConfig});
 * CSRF applies either way.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface PublicForm {

}
