#!/bin/bash
# Turns the RDS certificate bundle (PEM, many CA certificates) into a PKCS12 trust store that
# MySQL Connector/J reads with trustCertificateKeyStoreUrl and trustCertificateKeyStoreType=PKCS12.
# Java reads no PEM trust store, and keytool imports one certificate per call, hence the split.
# The store has no password: it holds public certificates only, and Connector/J opens it without
# one (no trustCertificateKeyStorePassword), which works only when nothing in it is encrypted.
#   rds-truststore.sh BUNDLE.pem STORE.p12
set -euo pipefail
bundle=${1:?usage: rds-truststore.sh BUNDLE.pem STORE.p12}
store=${2:?usage: rds-truststore.sh BUNDLE.pem STORE.p12}

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
awk -v dir="$work" '
	/-----BEGIN CERTIFICATE-----/ { n++; file = sprintf("%s/%03d.pem", dir, n) }
	file { print > file }
	/-----END CERTIFICATE-----/ { close(file); file = "" }' "$bundle"

rm -f "$store.part"
count=0
for cert in "$work"/*.pem; do
	[ -e "$cert" ] || break
	count=$((count + 1))
	# keytool insists on a store password; with both algorithms NONE it protects nothing.
	if ! out=$(keytool -J-Dkeystore.pkcs12.certProtectionAlgorithm=NONE -J-Dkeystore.pkcs12.macAlgorithm=NONE \
		-importcert -noprompt -storetype PKCS12 -keystore "$store.part" -storepass unprotected \
		-alias "rds-ca-$count" -file "$cert" 2>&1); then
		echo "rds-truststore: $cert: $out" >&2
		exit 1
	fi
done
if [ "$count" -eq 0 ]; then
	echo "rds-truststore: no certificate in $bundle" >&2
	exit 1
fi
chmod 0644 "$store.part"
mv -f "$store.part" "$store"
echo "rds-truststore: $count certificates in $store"
