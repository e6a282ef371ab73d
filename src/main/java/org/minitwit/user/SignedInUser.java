package org.minitwit.user;

import java.io.Serializable;

/**
 * Who is signed in: the principal kept in the shared session, so pages know the user
 * without a database lookup. Small and stable, since every instance deserializes it.
 */
public record SignedInUser(long id, String username) implements Serializable {
}
