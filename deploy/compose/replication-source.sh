# Sourced by the mysql image at the first start of the compose database (docker-entrypoint-initdb.d):
# the user that the optional replica (docker-compose.yml, profile "replica") replicates as, with the
# database user's password. Not itself replicated.
docker_process_sql --database=mysql <<-EOSQL
	SET sql_log_bin = 0;
	CREATE USER 'replicator'@'%' IDENTIFIED BY '${MYSQL_PASSWORD}';
	GRANT REPLICATION SLAVE ON *.* TO 'replicator'@'%';
EOSQL
