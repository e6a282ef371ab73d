/**
 * The database MiniTwit runs on: the shared MySQL database named by the DB_* variables or
 * the embedded one, the wait for it at start-up, its schema migrations, the initdb
 * sub-command, and the row-count checks of every write.
 */
package org.minitwit.database;
