package org.minitwit.database;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;

import org.springframework.jdbc.datasource.LazyConnectionDataSourceProxy;

/**
 * The application's datasource when there is a read replica: Spring's lazy connection
 * proxy, which fetches a connection only at the first statement, from the replica's pool
 * when the connection was marked read-only before, else from the primary's. Nothing
 * inspects SQL: what a request may read from the replica is decided where it is handled.
 */
public final class ReadRouting extends LazyConnectionDataSourceProxy implements AutoCloseable {

	private final HikariDataSource replica;

	private final String description;

	public ReadRouting(HikariDataSource primary, HikariDataSource replica, String description) {
		super(primary);
		setReadOnlyDataSource(replica);
		this.replica = replica;
		this.description = description;
	}

	/** The replica's own pool, for measuring its lag. */
	public DataSource replica() {
		return replica;
	}

	/** Where the replica is, for logs; never the password. */
	public String describeReplica() {
		return description;
	}

	@Override
	public void close() {
		replica.close();
	}

}
