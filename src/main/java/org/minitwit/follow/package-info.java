/**
 * The follower table: following and unfollowing, and what other pages need to know of who
 * follows whom.
 */
package org.minitwit.follow;
