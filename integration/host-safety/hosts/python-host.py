"""A Python host of the host-safety suite: socket.getaddrinfo (glibc, so the module) resolves
NAME LOOKUPS times; exit status 0 when every answer holds ADDRESS.
Usage: python3 python-host.py NAME ADDRESS [LOOKUPS]"""
import socket
import sys

name, address = sys.argv[1], sys.argv[2]
lookups = int(sys.argv[3]) if len(sys.argv) > 3 else 20
socket.getaddrinfo("localhost", None)  # glibc's own start-up, before the module's first lookup
failures = 0
for _ in range(lookups):
    try:
        answers = {info[4][0] for info in socket.getaddrinfo(name, None, socket.AF_INET)}
    except OSError:
        answers = set()
    if address not in answers:
        failures += 1
if failures:
    print(f"python-host: {failures} lookups did not answer {address}", file=sys.stderr)
sys.exit(1 if failures else 0)
