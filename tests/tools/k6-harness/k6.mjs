import { recorded } from './recorder.mjs';

// check(value, {name: predicate}, tags): true when every predicate holds.
export function check(value, checks, tags = {}) {
  let all = true;
  for (const [name, predicate] of Object.entries(checks)) {
    const ok = Boolean(predicate(value));
    const entry = (recorded.checks[name] ||= { passes: 0, fails: 0, tags: [] });
    if (ok) entry.passes += 1;
    else entry.fails += 1;
    entry.tags.push(tags);
    all = all && ok;
  }
  return all;
}

// sleep(seconds): blocks the VU, as in k6.
export function sleep(seconds) {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, Math.max(0, seconds * 1000));
}

export function group(name, fn) {
  return fn();
}

export default { check, sleep, group };
