# Sourced by the mysql image at the first start of the compose replica (docker-entrypoint-initdb.d):
# it follows the compose database by GTID from its first transaction, and MiniTwit's user may read
# its replication status (SHOW REPLICA STATUS), which decides whether reads go to it.
docker_process_sql --database=mysql <<-EOSQL
	SET sql_log_bin = 0;
	GRANT REPLICATION CLIENT ON *.* TO '${MYSQL_USER}'@'%';
	CHANGE REPLICATION SOURCE TO SOURCE_HOST='mysql', SOURCE_USER='replicator',
		SOURCE_PASSWORD='${MYSQL_PASSWORD}', SOURCE_AUTO_POSITION=1, GET_SOURCE_PUBLIC_KEY=1,
		SOURCE_CONNECT_RETRY=5;
EOSQL
