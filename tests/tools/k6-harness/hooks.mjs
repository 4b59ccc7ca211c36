// Module resolution for k6 scripts: k6's built-in modules are the shims beside
// this file; other bare names fail as they would in k6 without an extension.
const SHIMS = {
  k6: './k6.mjs',
  'k6/http': './k6-http.mjs',
  'k6/metrics': './k6-metrics.mjs',
};

export async function resolve(specifier, context, nextResolve) {
  if (Object.hasOwn(SHIMS, specifier)) {
    return { url: new URL(SHIMS[specifier], import.meta.url).href, shortCircuit: true };
  }
  if (specifier.startsWith('k6/')) {
    throw new Error(`the harness has no k6 module "${specifier}"`);
  }
  return nextResolve(specifier, context);
}
