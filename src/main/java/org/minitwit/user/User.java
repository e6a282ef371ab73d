package org.minitwit.user;

/** A row of {@code users}. */
public record User(long userId, String username, String email, String pwHash) {
}
