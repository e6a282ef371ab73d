#!/usr/bin/env python3
"""N requests one after another on one keep-alive connection, for counting the database
statements a request costs. Usage: requests.py BASE_URL METHOD PATH N EXPECTED_STATUS
BENCH_COOKIE adds a Cookie header; BENCH_DATA is a form body ({i} becomes the request number).
Exits 1 at the first unexpected status."""
import http.client
import os
import sys
import urllib.parse

base, method, path, count, expected = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5])
url = urllib.parse.urlsplit(base)
connection = http.client.HTTPConnection(url.hostname, url.port)
cookie = os.environ.get("BENCH_COOKIE")
data = os.environ.get("BENCH_DATA")
for i in range(count):
	headers = {"Cookie": cookie} if cookie else {}
	body = None
	if data:
		body = data.replace("{i}", str(i))
		headers["Content-Type"] = "application/x-www-form-urlencoded"
	connection.request(method, path, body, headers)
	response = connection.getresponse()
	response.read()
	if response.status != expected:
		print(f"{method} {path}: {response.status}, expected {expected}", file=sys.stderr)
		sys.exit(1)
