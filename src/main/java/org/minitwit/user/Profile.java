package org.minitwit.user;

/** A user as their page shows them to someone: the user, and whether that someone follows them. */
public record Profile(User user, boolean followedByViewer) {
}
