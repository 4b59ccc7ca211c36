// What the k6 shims saw, read by the harness.
export const recorded = {
  requests: [],
  checks: {},
  counters: {},
  current: { scenario: '' },
};
