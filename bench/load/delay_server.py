"""A fixed 50 ms HTTP/1.1 endpoint for bench/load/run.sh (stdlib only).

Every request on any path is answered `{"msg":"hi"}` 50 ms after its head arrived,
on keep-alive connections. The same server for every generator, so the p50 each
generator reports can be compared with the others.

usage: python3 delay_server.py PORT
"""
import asyncio
import sys

DELAY = 0.05
BODY = b'{"msg":"hi"}'
# ab (HTTP/1.0 -k) keeps a connection only when the answer says keep-alive.
RESPONSE = (b"HTTP/1.1 200 OK\r\nConnection: keep-alive\r\nContent-Type: application/json\r\nContent-Length: "
            + str(len(BODY)).encode() + b"\r\n\r\n" + BODY)


async def serve(reader, writer):
    try:
        while True:
            head = await reader.readuntil(b"\r\n\r\n")
            length = 0
            for line in head.split(b"\r\n"):
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":", 1)[1])
            if length:
                await reader.readexactly(length)
            await asyncio.sleep(DELAY)
            writer.write(RESPONSE)
            await writer.drain()
    except (asyncio.IncompleteReadError, ConnectionError, asyncio.LimitOverrunError):
        pass
    finally:
        writer.close()


async def main(port):
    server = await asyncio.start_server(serve, "127.0.0.1", port, backlog=2048)
    async with server:
        await server.serve_forever()


if __name__ == "__main__":
    asyncio.run(main(int(sys.argv[1])))
