"""Opens N idle TCP connections to HOST:PORT, holds them for HOLD seconds, then closes them.

Used by run.sh to measure the server's RSS with many idle keep-alive clients.
Prints the number of connections actually open once they are all established.
"""
import socket
import sys
import time

host, port, count, hold = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4])
sockets = []
for _ in range(count):
    s = socket.create_connection((host, port))
    sockets.append(s)
# One request on each, so every connection has been through a full keep-alive cycle.
for s in sockets:
    s.sendall(b"GET /hello HTTP/1.1\r\nHost: x\r\n\r\n")
for s in sockets:
    s.settimeout(10)
    data = b""
    while b"\r\n\r\n" not in data:
        data += s.recv(4096)
print(len(sockets), flush=True)
time.sleep(hold)
for s in sockets:
    s.close()
