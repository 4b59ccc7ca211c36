// k6/http for the harness: synchronous requests, like k6's.
import { MessageChannel, Worker, receiveMessageOnPort } from 'node:worker_threads';
import { recorded } from './recorder.mjs';

const worker = new Worker(new URL('./http-worker.mjs', import.meta.url));
worker.unref();

const GO_DURATION = /^(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+$/;
const UNITS = { ns: 1e-6, us: 1e-3, µs: 1e-3, ms: 1, s: 1000, m: 60000, h: 3600000 };

export function durationMs(text) {
  if (typeof text === 'number') return text;
  if (!GO_DURATION.test(text)) throw new Error(`"${text}" is not a duration`);
  let ms = 0;
  for (const [, n, , unit] of text.matchAll(/(\d+(\.\d+)?)(ns|us|µs|ms|s|m|h)/g)) ms += Number(n) * UNITS[unit];
  return ms;
}

class ExpectedStatuses {
  constructor(ranges) {
    this.ranges = ranges;
  }

  expects(status) {
    return this.ranges.some((r) => (typeof r === 'number' ? status === r : status >= r.min && status <= r.max));
  }
}

export function expectedStatuses(...ranges) {
  for (const r of ranges) {
    if (typeof r !== 'number' && !(Number.isInteger(r.min) && Number.isInteger(r.max))) {
      throw new Error('expectedStatuses wants status codes or {min, max} objects');
    }
  }
  return new ExpectedStatuses(ranges);
}

const DEFAULT_CALLBACK = expectedStatuses({ min: 200, max: 399 });

export function request(method, url, body = null, params = {}) {
  const allowed = new Set(['headers', 'tags', 'timeout', 'redirects', 'responseCallback', 'responseType']);
  for (const key of Object.keys(params)) {
    if (!allowed.has(key)) throw new Error(`the harness does not know the request parameter "${key}"`);
  }
  if (params.responseCallback !== undefined && !(params.responseCallback instanceof ExpectedStatuses)) {
    throw new Error('responseCallback must come from http.expectedStatuses()');
  }
  const timeoutMs = params.timeout === undefined ? 60000 : durationMs(params.timeout);
  const signal = new Int32Array(new SharedArrayBuffer(4));
  const { port1, port2 } = new MessageChannel();
  const headers = { ...(params.headers || {}) };
  worker.postMessage(
    { request: { method, url, headers, body, timeoutMs, insecure: false }, signal, port: port2 },
    [port2],
  );
  Atomics.wait(signal, 0, 0, timeoutMs + 5000);
  const message = receiveMessageOnPort(port1);
  port1.close();
  const result = message ? message.message : { status: 0, error: 'no answer', headers: {}, body: '', durationMs: timeoutMs };
  const callback = params.responseCallback || DEFAULT_CALLBACK;
  const expected = result.status !== 0 && callback.expects(result.status);
  recorded.requests.push({
    scenario: recorded.current.scenario,
    method,
    url,
    body,
    headers,
    tags: { ...(params.tags || {}) },
    redirects: params.redirects,
    status: result.status,
    error: result.error || null,
    expected,
    durationMs: result.durationMs,
    bytesIn: Buffer.byteLength(result.body || ''),
    bytesOut: Buffer.byteLength(body || ''),
  });
  return {
    status: result.status,
    body: result.body,
    headers: result.headers,
    error: result.error || '',
    timings: { duration: result.durationMs },
    json() {
      return JSON.parse(result.body);
    },
  };
}

export function get(url, params) {
  return request('GET', url, null, params);
}

export function post(url, body, params) {
  return request('POST', url, body, params);
}

export default { request, get, post, expectedStatuses };
