"""Writes a generated OpenAPI 3.1 document for the import and diff benchmarks.

usage: make_document.py OPERATIONS OUT.json [--changed]

Each operation has a path parameter, two query parameters, a JSON body or a JSON
response referring to one of OPERATIONS/2 models, and each model has a dozen
constrained, described fields (strings with lengths, patterns and formats,
numbers with bounds, enums, arrays, a nested model), so that the document looks
like a real API's and weighs about 2 KB per operation. With --changed the
document is the next version of the same API: some operations removed and added,
constraints tightened and loosened, properties added, removed and made required,
descriptions reworded (what a diff has to find).
"""
import json
import sys


def model(i, changed):
    properties = {
        "id": {"type": "integer", "minimum": 1, "description": f"Identifier of record {i}."},
        "name": {"type": "string", "minLength": 1, "maxLength": 120 if not (changed and i % 7 == 0) else 80,
                 "description": "A human readable name."},
        "email": {"type": "string", "format": "email"},
        "code": {"type": "string", "pattern": "^[A-Z]{3}-[0-9]{4}$", "example": "ABC-1234"},
        "price": {"type": "number", "minimum": 0, "maximum": 100000, "multipleOf": 0.01},
        "quantity": {"type": "integer", "minimum": 0, "maximum": 1000 if not (changed and i % 5 == 0) else 5000},
        "status": {"type": "string", "enum": ["draft", "active", "archived"] + (["deleted"] if changed and i % 9 == 0 else [])},
        "tags": {"type": "array", "items": {"type": "string", "maxLength": 32}, "maxItems": 20},
        "created": {"type": "string", "format": "date-time"},
        "website": {"type": "string", "format": "uri"},
        "notes": {"type": "string", "maxLength": 2000,
                  "description": "Free text." if not (changed and i % 3 == 0) else "Free text, kept for a year."},
        "parent": {"$ref": f"#/components/schemas/Model{(i + 1) % 250}"},
    }
    required = ["id", "name", "status"]
    if changed and i % 11 == 0:
        del properties["website"]
    if changed and i % 13 == 0:
        properties["region"] = {"type": "string", "maxLength": 8}
    if changed and i % 17 == 0:
        required.append("email")
    return {"type": "object", "title": f"Model{i}", "description": f"Record kind {i}.",
            "required": required, "properties": properties}


def operation(i, changed):
    parameters = [
        {"name": "item_id", "in": "path", "required": True, "schema": {"type": "integer", "minimum": 1}},
        {"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 100, "default": 20}},
        {"name": "filter", "in": "query", "schema": {"type": "string", "maxLength": 200}},
    ]
    if changed and i % 19 == 0:
        parameters.append({"name": "tenant", "in": "query", "required": True, "schema": {"type": "string"}})
    ref = {"$ref": f"#/components/schemas/Model{i % 250}"}
    op = {
        "operationId": f"op_{i}",
        "summary": f"Operation number {i}",
        "description": f"Does the work of operation {i} on one record.",
        "tags": [f"group{i % 10}"],
        "parameters": parameters,
        "responses": {
            "200": {"description": "The record", "content": {"application/json": {"schema": ref}}},
            "404": {"description": "No such record"},
        },
    }
    if i % 2 == 1:
        op["requestBody"] = {"required": True, "content": {"application/json": {"schema": ref}}}
    return op


def main():
    operations = int(sys.argv[1])
    out = sys.argv[2]
    changed = "--changed" in sys.argv[3:]
    paths = {}
    for i in range(operations):
        if changed and i % 23 == 0:
            continue  # removed in the new version
        method = "post" if i % 2 == 1 else "get"
        paths[f"/resource{i}/{{item_id}}"] = {method: operation(i, changed)}
    if changed:
        for i in range(operations, operations + operations // 25):
            paths[f"/resource{i}/{{item_id}}"] = {"get": operation(i, changed)}
    document = {
        "openapi": "3.1.0",
        "info": {"title": "Generated", "version": "2.0.0" if changed else "1.0.0"},
        "paths": paths,
        "components": {"schemas": {f"Model{i}": model(i, changed) for i in range(250)}},
    }
    with open(out, "w") as f:
        json.dump(document, f, indent=2)


main()
