import { recorded } from './recorder.mjs';

class Metric {
  constructor(name, type) {
    if (!/^[a-zA-Z_][a-zA-Z0-9_]{0,127}$/.test(name)) throw new Error(`invalid metric name "${name}"`);
    this.name = name;
    this.type = type;
    recorded.counters[name] ||= { type, samples: [] };
  }

  add(value, tags = {}) {
    recorded.counters[this.name].samples.push({ value: Number(value), tags: { ...tags, scenario: recorded.current.scenario } });
  }
}

export class Counter extends Metric {
  constructor(name) {
    super(name, 'counter');
  }
}

export class Trend extends Metric {
  constructor(name) {
    super(name, 'trend');
  }
}

export class Rate extends Metric {
  constructor(name) {
    super(name, 'rate');
  }
}

export class Gauge extends Metric {
  constructor(name) {
    super(name, 'gauge');
  }
}
