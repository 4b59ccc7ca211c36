// Does the I/O of k6-http.mjs's synchronous requests: one request per message,
// the answer posted back and the waiting VU woken.
import http from 'node:http';
import https from 'node:https';
import { parentPort } from 'node:worker_threads';

parentPort.on('message', ({ request, signal, port }) => {
  const started = process.hrtime.bigint();
  const finish = (result) => {
    result.durationMs = Number(process.hrtime.bigint() - started) / 1e6;
    port.postMessage(result);
    port.close();
    Atomics.store(signal, 0, 1);
    Atomics.notify(signal, 0);
  };
  let url;
  try {
    url = new URL(request.url);
  } catch (e) {
    finish({ status: 0, error: `invalid URL: ${request.url}`, headers: {}, body: '' });
    return;
  }
  const client = url.protocol === 'https:' ? https : http;
  const req = client.request(
    url,
    { method: request.method, headers: request.headers, timeout: request.timeoutMs, rejectUnauthorized: !request.insecure },
    (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () =>
        finish({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }),
      );
      res.on('error', (e) => finish({ status: 0, error: String(e), headers: {}, body: '' }));
    },
  );
  req.on('timeout', () => req.destroy(new Error('request timeout')));
  req.on('error', (e) => finish({ status: 0, error: String(e), headers: {}, body: '' }));
  if (request.body !== null && request.body !== undefined) req.write(request.body);
  req.end();
});
