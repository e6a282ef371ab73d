package org.minitwit.replica;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The handler only reads, so with a read replica it may be answered from it, a little
 * behind the primary. Unmarked handlers, whatever their method, use the primary: a GET
 * that also writes stays correct.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface ReadsOnly {

}
