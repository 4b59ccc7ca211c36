// Validates OpenAPI documents (JSON or YAML files) against the official OpenAPI
// 3.1 JSON schemas and checks that every internal $ref resolves.
// Usage: node validate.mjs FILE...   Prints one verdict per file; exits 0 only
// when every file is a valid OpenAPI 3.1 document.
import { access } from "node:fs/promises";
import { Validator } from "@seriousme/openapi-schema-validator";

async function check(file) {
  try {
    await access(file);
  } catch {
    return [`cannot read ${file}`];
  }
  const validator = new Validator();
  let result;
  try {
    result = await validator.validate(file);
  } catch (error) {
    return [`cannot parse: ${error.message}`];
  }
  if (!result.valid) return [JSON.stringify(result.errors, null, 2)];
  if (validator.version !== "3.1") return [`valid, but OpenAPI ${validator.version} rather than 3.1`];
  try {
    validator.resolveRefs();
  } catch (error) {
    return [`unresolved reference: ${error.message}`];
  }
  return [];
}

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error("usage: node validate.mjs FILE...");
  process.exit(2);
}
let allValid = true;
for (const file of files) {
  const problems = await check(file);
  if (problems.length === 0) {
    console.log(`${file}: valid`);
  } else {
    allValid = false;
    console.log(`${file}: invalid`);
    for (const problem of problems) console.log(problem);
  }
}
process.exit(allValid ? 0 : 1);
