#include "engine/server/docs_page.h"

#include "engine/text/markup.h"

namespace loadstar::server {

namespace {

// Text inside a <script> element: "</" must not close it early, and U+2028/U+2029
// are line terminators in older JavaScript engines.
std::string scriptSafe(const std::string& json) {
    std::string out;
    out.reserve(json.size());
    for (std::size_t i = 0; i < json.size(); ++i) {
        if (json[i] == '<') {
            out += "\\u003c";
        } else if (json.compare(i, 3, "\xE2\x80\xA8") == 0) {
            out += "\\u2028";
            i += 2;
        } else if (json.compare(i, 3, "\xE2\x80\xA9") == 0) {
            out += "\\u2029";
            i += 2;
        } else {
            out += json[i];
        }
    }
    return out;
}

constexpr std::string_view kStyle = R"css(
body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;margin:0;background:#f6f7f9;color:#1d2330}
header{background:#1d2330;color:#fff;padding:14px 24px}header h1{margin:0;font-size:20px}
header p{margin:4px 0 0;color:#b8c0d0;font-size:13px}main{max-width:1100px;margin:0 auto;padding:16px}
.op{background:#fff;border:1px solid #d9dde5;border-radius:6px;margin:10px 0}
.op>summary{cursor:pointer;padding:10px 14px;display:flex;gap:12px;align-items:center;list-style:none}
.m{font:bold 12px monospace;color:#fff;border-radius:3px;padding:4px 8px;min-width:56px;text-align:center}
.GET{background:#2f7bd9}.POST{background:#2c9d5b}.PUT{background:#c98a1b}.PATCH{background:#8b5cc7}
.DELETE{background:#c8433b}.other{background:#666}.path{font:600 14px monospace}.sum{color:#5a6275;font-size:13px}
.body{padding:6px 16px 16px;border-top:1px solid #eceef2}h3{font-size:13px;margin:14px 0 6px;color:#4a5263}
table{border-collapse:collapse;font-size:13px;width:100%}td,th{border-bottom:1px solid #eceef2;padding:4px 6px;text-align:left}
pre{background:#f1f3f6;padding:8px;border-radius:4px;overflow:auto;font-size:12px;max-height:360px}
input,textarea{font:12px monospace;width:100%;box-sizing:border-box;padding:4px}textarea{min-height:120px}
button{background:#2f7bd9;color:#fff;border:0;border-radius:4px;padding:6px 16px;cursor:pointer;margin-top:8px}
.status{font-weight:bold}.ok{color:#2c9d5b}.bad{color:#c8433b}.tag{font-size:16px;margin:24px 0 4px}
)css";

constexpr std::string_view kScript = R"js(
const spec = JSON.parse(document.getElementById('openapi').textContent);
const el = (tag, attrs = {}, ...kids) => {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) { if (k === 'class') e.className = v; else e.setAttribute(k, v); }
  for (const k of kids) e.append(k instanceof Node ? k : document.createTextNode(String(k)));
  return e;
};
const resolve = (s) => {
  let guard = 0;
  while (s && s.$ref && guard++ < 32) s = spec.components.schemas[s.$ref.split('/').pop()];
  return s || {};
};
const example = (schema, depth = 0) => {
  const s = resolve(schema);
  if (depth > 8) return null;
  if (s.example !== undefined) return s.example;
  if (s.default !== undefined) return s.default;
  if (s.enum) return s.enum[0];
  if (s.anyOf) return example(s.anyOf[0], depth + 1);
  switch (s.type) {
    case 'object': {
      const o = {};
      for (const [k, v] of Object.entries(s.properties || {})) o[k] = example(v, depth + 1);
      return o;
    }
    case 'array': return [example(s.items, depth + 1)];
    case 'integer': return s.minimum !== undefined ? s.minimum : 1;
    case 'number': return s.minimum !== undefined ? s.minimum : 1.5;
    case 'boolean': return true;
    default:
      if (s.format === 'email') return 'user@example.com';
      if (s.format === 'uuid') return '123e4567-e89b-12d3-a456-426614174000';
      if (s.format === 'date-time') return '2024-01-01T00:00:00Z';
      if (s.format === 'date') return '2024-01-01';
      return 'string'.padEnd(s.minLength || 0, 'x');
  }
};
const expand = (schema, depth = 0) => {
  const s = resolve(schema);
  if (depth > 6) return s;
  const out = Object.assign({}, s);
  if (s.properties) {
    out.properties = {};
    for (const [k, v] of Object.entries(s.properties)) out.properties[k] = expand(v, depth + 1);
  }
  if (s.items) out.items = expand(s.items, depth + 1);
  return out;
};
const pretty = (v) => JSON.stringify(v, null, 2);

function operation(path, method, op) {
  const params = op.parameters || [];
  const details = el('details', {class: 'op'});
  const known = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];
  const m = method.toUpperCase();
  details.append(el('summary', {}, el('span', {class: 'm ' + (known.includes(m) ? m : 'other')}, m),
                    el('span', {class: 'path'}, path), el('span', {class: 'sum'}, op.summary || op.operationId || '')));
  const body = el('div', {class: 'body'});
  if (op.description) body.append(el('p', {}, op.description));
  const inputs = {};
  if (params.length) {
    body.append(el('h3', {}, 'Parameters'));
    const table = el('table', {}, el('tr', {}, el('th', {}, 'name'), el('th', {}, 'in'), el('th', {}, 'schema'), el('th', {}, 'value')));
    for (const p of params) {
      const input = el('input', {placeholder: p.required ? 'required' : 'optional'});
      const ex = p.example !== undefined ? p.example : (p.required ? example(p.schema) : undefined);
      if (ex !== undefined && ex !== null) input.value = typeof ex === 'string' ? ex : JSON.stringify(ex);
      inputs[p.in + ':' + p.name] = {p, input};
      table.append(el('tr', {}, el('td', {}, p.name + (p.required ? ' *' : '')), el('td', {}, p.in),
                         el('td', {}, el('code', {}, JSON.stringify(resolve(p.schema)))), el('td', {}, input)));
    }
    body.append(table);
  }
  let bodyInput = null;
  const content = op.requestBody && op.requestBody.content && op.requestBody.content['application/json'];
  if (content) {
    body.append(el('h3', {}, 'Request body' + (op.requestBody.required ? ' (required)' : '')));
    body.append(el('pre', {}, pretty(expand(content.schema))));
    bodyInput = el('textarea', {}, pretty(example(content.schema)));
    body.append(bodyInput);
  }
  body.append(el('h3', {}, 'Responses'));
  for (const [status, r] of Object.entries(op.responses || {})) {
    const c = r.content && r.content['application/json'];
    body.append(el('div', {}, el('b', {}, status + ' '), r.description || ''));
    if (c && c.schema) body.append(el('pre', {}, pretty(expand(c.schema))));
  }
  const auth = el('input', {placeholder: 'Authorization header or API key (if the operation needs one)'});
  if (op.security && op.security.length) body.append(el('h3', {}, 'Credentials'), auth);
  const send = el('button', {}, 'Send request');
  const result = el('div');
  body.append(send, result);
  send.onclick = async () => {
    let url = path;
    const query = new URLSearchParams();
    const headers = {};
    for (const {p, input} of Object.values(inputs)) {
      if (input.value === '') continue;
      if (p.in === 'path') url = url.replace('{' + p.name + '}', encodeURIComponent(input.value));
      else if (p.in === 'query') query.append(p.name, input.value);
      else if (p.in === 'header') headers[p.name] = input.value;
    }
    if (auth.value) {
      const scheme = (op.security[0] && Object.keys(op.security[0])[0]) || '';
      const def = (spec.components.securitySchemes || {})[scheme] || {};
      if (def.type === 'apiKey') headers[def.name] = auth.value; else headers['Authorization'] = auth.value.startsWith('Bearer ') ? auth.value : 'Bearer ' + auth.value;
    }
    const init = {method: m, headers};
    if (bodyInput) { init.body = bodyInput.value; headers['Content-Type'] = 'application/json'; }
    const qs = query.toString();
    const started = performance.now();
    result.replaceChildren(el('p', {}, 'Sending…'));
    try {
      const response = await fetch(url + (qs ? '?' + qs : ''), init);
      const text = await response.text();
      const ms = (performance.now() - started).toFixed(1);
      let shown = text;
      try { shown = pretty(JSON.parse(text)); } catch (e) {}
      const head = [...response.headers.entries()].map(([k, v]) => k + ': ' + v).join('\n');
      result.replaceChildren(
        el('h3', {}, 'Response'),
        el('div', {}, el('span', {class: 'status ' + (response.ok ? 'ok' : 'bad')}, response.status + ' ' + response.statusText), ' in ' + ms + ' ms'),
        el('pre', {}, head), el('pre', {}, shown));
    } catch (e) {
      result.replaceChildren(el('p', {class: 'bad'}, 'Request failed: ' + e));
    }
  };
  details.append(body);
  return details;
}

const root = document.getElementById('operations');
const byTag = new Map();
for (const [path, item] of Object.entries(spec.paths || {})) {
  for (const [method, op] of Object.entries(item)) {
    if (!['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'].includes(method)) continue;
    const tag = (op.tags && op.tags[0]) || 'default';
    if (!byTag.has(tag)) byTag.set(tag, []);
    byTag.get(tag).push(operation(path, method, op));
  }
}
if (byTag.size === 0) root.append(el('p', {}, 'This design has no operations.'));
for (const [tag, ops] of byTag) root.append(el('h2', {class: 'tag'}, tag), ...ops);
)js";

}  // namespace

std::string docsPage(std::string_view title, const Json& openapi, const model::BuiltinPaths& builtins) {
    std::string page;
    page.reserve(16384);
    page +=
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        "<title>";
    page += text::escapeMarkup(title);
    page += " — API docs</title><style>";
    page += kStyle;
    page += "</style></head><body><header><h1>";
    page += text::escapeMarkup(title);
    page += "</h1><p>Served by Loadstar · <a style=\"color:#9cc3ff\" href=\"";
    page += text::escapeMarkup(builtins.openapi);
    page += "\">OpenAPI document</a> · <a style=\"color:#9cc3ff\" href=\"";
    page += text::escapeMarkup(builtins.metrics);
    page +=
        "\">metrics</a></p></header><main id=\"operations\"></main>"
        "<script type=\"application/json\" id=\"openapi\">";
    page += scriptSafe(openapi.dump(-1, ' ', false, Json::error_handler_t::replace));
    page += "</script><script>";
    page += kScript;
    page += "</script></body></html>\n";
    return page;
}

}  // namespace loadstar::server
