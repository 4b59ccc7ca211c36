// The anchors for bench/openapi/run.sh, timed in-process so that Node's start-up
// is not counted: swagger-parser reads, validates and dereferences a document
// (what an importer must do before it can build anything), api-smart-diff
// compares two documents and classifies each change (breaking, non-breaking,
// annotation). Prints one JSON line per run.
import { readFileSync } from "node:fs";
import SwaggerParser from "@apidevtools/swagger-parser";
import { apiCompare } from "api-smart-diff";

const [mode, first, second, runs = "5"] = process.argv.slice(2);
for (let i = 0; i < Number(runs); ++i) {
  const start = process.hrtime.bigint();
  let detail;
  if (mode === "import") {
    const api = await SwaggerParser.validate(first);
    detail = { operations: Object.values(api.paths).reduce((n, item) => n + Object.keys(item).length, 0) };
  } else {
    const before = JSON.parse(readFileSync(first, "utf8"));
    const after = JSON.parse(readFileSync(second, "utf8"));
    const { diffs } = apiCompare(before, after);
    const classes = {};
    for (const d of diffs) classes[d.type] = (classes[d.type] ?? 0) + 1;
    detail = { changes: diffs.length, classes };
  }
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  console.log(JSON.stringify({ mode, seconds, ...detail }));
}
