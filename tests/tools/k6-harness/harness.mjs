// Runs a k6 script under Node (see README.md):
//   node --import ./register.mjs harness.mjs SCRIPT ITERATIONS
// Exit status 0 with a JSON report on stdout, 1 with the problems on stderr.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { durationMs } from './k6-http.mjs';
import { recorded } from './recorder.mjs';

const [scriptPath, iterationsText = '10'] = process.argv.slice(2);
if (!scriptPath) {
  console.error('usage: node --import ./register.mjs harness.mjs SCRIPT [ITERATIONS]');
  process.exit(2);
}
const iterations = Number(iterationsText);
const problems = [];

// k6's environment for the init context.
globalThis.__ENV = { ...process.env };
globalThis.__VU = 0;
globalThis.__ITER = 0;

const script = await import(pathToFileURL(path.resolve(scriptPath)).href);
const options = script.options || {};

// --- options, as k6 would read them ----------------------------------------------

const COMMON = ['executor', 'exec', 'startTime', 'gracefulStop', 'tags', 'env'];
const EXECUTORS = {
  'constant-vus': { required: ['vus', 'duration'], optional: [] },
  'ramping-vus': { required: ['stages'], optional: ['startVUs', 'gracefulRampDown'] },
  'constant-arrival-rate': { required: ['rate', 'duration', 'preAllocatedVUs'], optional: ['timeUnit', 'maxVUs'] },
  'ramping-arrival-rate': { required: ['stages', 'preAllocatedVUs'], optional: ['startRate', 'timeUnit', 'maxVUs'] },
};
const INTEGERS = ['vus', 'startVUs', 'rate', 'startRate', 'preAllocatedVUs', 'maxVUs'];
const DURATIONS = ['duration', 'startTime', 'gracefulStop', 'gracefulRampDown', 'timeUnit'];

function checkDuration(where, value) {
  try {
    durationMs(value);
  } catch (e) {
    problems.push(`${where}: ${e.message}`);
  }
}

const scenarios = options.scenarios || {};
if (Object.keys(scenarios).length === 0) problems.push('options.scenarios is empty');
for (const [name, s] of Object.entries(scenarios)) {
  const where = `scenarios.${name}`;
  const rules = EXECUTORS[s.executor];
  if (!rules) {
    problems.push(`${where}.executor: "${s.executor}" is not one of ${Object.keys(EXECUTORS).join(', ')}`);
    continue;
  }
  for (const key of rules.required) {
    if (s[key] === undefined) problems.push(`${where}.${key}: required by ${s.executor}`);
  }
  for (const key of Object.keys(s)) {
    if (!COMMON.includes(key) && !rules.required.includes(key) && !rules.optional.includes(key)) {
      problems.push(`${where}.${key}: unknown field for ${s.executor}`);
    }
  }
  for (const key of INTEGERS) {
    if (s[key] !== undefined && !(Number.isInteger(s[key]) && s[key] >= 0)) {
      problems.push(`${where}.${key}: ${s[key]} is not a whole number`);
    }
  }
  if (s.maxVUs !== undefined && s.preAllocatedVUs !== undefined && s.maxVUs < s.preAllocatedVUs) {
    problems.push(`${where}.maxVUs: below preAllocatedVUs`);
  }
  for (const key of DURATIONS) {
    if (s[key] !== undefined) checkDuration(`${where}.${key}`, s[key]);
  }
  for (const [i, stage] of (s.stages || []).entries()) {
    checkDuration(`${where}.stages[${i}].duration`, stage.duration);
    if (!Number.isInteger(stage.target) || stage.target < 0) {
      problems.push(`${where}.stages[${i}].target: ${stage.target} is not a whole number`);
    }
  }
  const exec = s.exec || 'default';
  if (typeof script[exec] !== 'function') problems.push(`${where}.exec: the script exports no function "${exec}"`);
}

const METRIC_TYPES = {
  http_req_duration: 'trend',
  http_reqs: 'counter',
  http_req_failed: 'rate',
  checks: 'rate',
  iterations: 'counter',
  dropped_iterations: 'counter',
  data_received: 'counter',
  data_sent: 'counter',
};
for (const [name, c] of Object.entries(recorded.counters)) METRIC_TYPES[name] = c.type;
const AGGREGATIONS = {
  trend: /^(avg|min|max|med|p\(\d+(\.\d+)?\))$/,
  counter: /^(count|rate)$/,
  rate: /^rate$/,
  gauge: /^value$/,
};
const KEY = /^([a-zA-Z_][a-zA-Z0-9_]*)(\{([a-zA-Z_][a-zA-Z0-9_]*:[^,{}]+)(,[a-zA-Z_][a-zA-Z0-9_]*:[^,{}]+)*\})?$/;
const EXPRESSION = /^\s*([a-z]+(\(\d+(\.\d+)?\))?)\s*(<=|>=|===|==|!=|<|>)\s*(-?\d+(\.\d+)?)\s*$/;

function parseKey(key) {
  const m = KEY.exec(key);
  if (!m) return null;
  const tags = {};
  if (m[2]) {
    for (const pair of m[2].slice(1, -1).split(',')) {
      const colon = pair.indexOf(':');
      tags[pair.slice(0, colon)] = pair.slice(colon + 1);
    }
  }
  return { name: m[1], tags };
}

for (const [key, list] of Object.entries(options.thresholds || {})) {
  const parsed = parseKey(key);
  if (!parsed) {
    problems.push(`thresholds["${key}"]: not a metric name with optional {tag:value,...}`);
    continue;
  }
  const type = METRIC_TYPES[parsed.name];
  if (!type) problems.push(`thresholds["${key}"]: no metric "${parsed.name}"`);
  if (!Array.isArray(list)) problems.push(`thresholds["${key}"]: not an array`);
  for (const expression of list || []) {
    const m = EXPRESSION.exec(typeof expression === 'string' ? expression : expression.threshold || '');
    if (!m) problems.push(`thresholds["${key}"]: "${expression}" is not an expression k6 reads`);
    else if (type && !AGGREGATIONS[type].test(m[1])) problems.push(`thresholds["${key}"]: ${m[1]} does not apply to a ${type}`);
  }
}
for (const stat of options.summaryTrendStats || []) {
  if (!/^(avg|min|med|max|count|p\(\d+(\.\d+)?\))$/.test(stat)) problems.push(`summaryTrendStats: "${stat}"`);
}
if (typeof script.handleSummary !== 'function') problems.push('the script exports no handleSummary');

if (problems.length > 0) {
  console.error(problems.join('\n'));
  process.exit(1);
}

// --- run each scenario's function ---------------------------------------------------

const started = Date.now();
const ran = {};
const ordered = Object.entries(scenarios).sort(
  ([, a], [, b]) => durationMs(a.startTime || '0s') - durationMs(b.startTime || '0s'),
);
for (const [name, s] of ordered) {
  recorded.current.scenario = name;
  const exec = s.exec || 'default';
  for (let i = 0; i < iterations; ++i) {
    globalThis.__VU = 1;
    globalThis.__ITER = i;
    script[exec]();
  }
  ran[name] = { exec, iterations };
}
const seconds = Math.max(0.001, (Date.now() - started) / 1000);

// --- handleSummary, with data in k6's handleSummary shape -----------------------------

function matches(sampleTags, wanted) {
  return Object.entries(wanted).every(([k, v]) => String(sampleTags[k]) === v);
}

function trend(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (p) => {
    if (sorted.length === 0) return 0;
    const rank = (p / 100) * (sorted.length - 1);
    const low = Math.floor(rank);
    const high = Math.ceil(rank);
    return sorted[low] + (sorted[high] - sorted[low]) * (rank - low);
  };
  const out = {};
  for (const stat of options.summaryTrendStats || ['avg', 'min', 'med', 'max', 'p(90)', 'p(95)']) {
    if (stat === 'avg') out.avg = sorted.length ? sorted.reduce((a, b) => a + b, 0) / sorted.length : 0;
    else if (stat === 'min') out.min = sorted.length ? sorted[0] : 0;
    else if (stat === 'max') out.max = sorted.length ? sorted[sorted.length - 1] : 0;
    else if (stat === 'med') out.med = at(50);
    else if (stat === 'count') out.count = sorted.length;
    else out[stat] = at(Number(stat.slice(2, -1)));
  }
  return out;
}

function metricValues(name, tags) {
  const requests = recorded.requests.filter((r) => matches({ ...r.tags, scenario: r.scenario, expected_response: r.expected }, tags));
  const type = METRIC_TYPES[name];
  if (name === 'http_req_duration') return trend(requests.map((r) => r.durationMs));
  if (name === 'http_reqs') return { count: requests.length, rate: requests.length / seconds };
  if (name === 'http_req_failed') {
    const failed = requests.filter((r) => !r.expected).length;
    return { rate: requests.length ? failed / requests.length : 0, passes: failed, fails: requests.length - failed };
  }
  if (name === 'data_received' || name === 'data_sent') {
    const count = requests.reduce((sum, r) => sum + (name === 'data_received' ? r.bytesIn : r.bytesOut), 0);
    return { count, rate: count / seconds };
  }
  const samples = (recorded.counters[name]?.samples || []).filter((s) => matches(s.tags, tags));
  if (type === 'counter') {
    const count = samples.reduce((sum, s) => sum + s.value, 0);
    return { count, rate: count / seconds };
  }
  return { value: samples.length ? samples[samples.length - 1].value : 0 };
}

function evaluate(expression, values) {
  const m = EXPRESSION.exec(expression);
  const measured = values[m[1]];
  const limit = Number(m[5]);
  const ops = { '<': (a, b) => a < b, '<=': (a, b) => a <= b, '>': (a, b) => a > b, '>=': (a, b) => a >= b,
    '==': (a, b) => a === b, '===': (a, b) => a === b, '!=': (a, b) => a !== b };
  return measured !== undefined && ops[m[4]](measured, limit);
}

const metrics = {};
for (const name of ['http_req_duration', 'http_reqs', 'http_req_failed', 'data_received', 'data_sent', ...Object.keys(recorded.counters)]) {
  metrics[name] = { type: METRIC_TYPES[name], contains: name === 'http_req_duration' ? 'time' : 'default', values: metricValues(name, {}) };
}
for (const [key, list] of Object.entries(options.thresholds || {})) {
  const { name, tags } = parseKey(key);
  const entry = (metrics[key] ||= { type: METRIC_TYPES[name], contains: 'default', values: metricValues(name, tags) });
  entry.thresholds = {};
  for (const expression of list) entry.thresholds[expression] = { ok: evaluate(expression, entry.values) };
}
const checks = Object.entries(recorded.checks).map(([name, c]) => ({ name, path: `::${name}`, id: name, passes: c.passes, fails: c.fails }));
const data = {
  root_group: { name: '', path: '', id: 'd41d8cd98f00b204e9800998ecf8427e', groups: [], checks },
  options: { summaryTrendStats: options.summaryTrendStats, summaryTimeUnit: '', noColor: false },
  state: { isStdOutTTY: false, isStdErrTTY: false, testRunDurationMs: seconds * 1000 },
  metrics,
};
const outputs = script.handleSummary(data);
const files = {};
let stdoutText = '';
for (const [target, content] of Object.entries(outputs)) {
  if (typeof content !== 'string') problems.push(`handleSummary: "${target}" is not a string`);
  if (target === 'stdout') stdoutText = content;
  else {
    fs.writeFileSync(target, content);
    files[target] = content.length;
  }
}
if (problems.length > 0) {
  console.error(problems.join('\n'));
  process.exit(1);
}
process.stdout.write(
  JSON.stringify({ scenarios: ran, requests: recorded.requests, checks: recorded.checks, files, stdout: stdoutText, options }) + '\n',
);
