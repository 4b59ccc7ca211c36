#pragma once

#include <set>
#include <string>

namespace loadstar::codegen {

// app/compat.py: the few things Pydantic 1.10 and 2.x spell differently, each
// written twice against that version's documented API, and only those `used`
// (ClosedModel, OpenModel, text, bounded_list, resolve_forward_refs, JsonType,
// InvalidValue).
std::string compatModule(const std::set<std::string>& used);

}  // namespace loadstar::codegen
