// libFuzzer target: arbitrary bytes as an OpenAPI document (JSON or YAML). The
// importer must give a design or a clear refusal, never a crash, a hang or a
// sanitizer report; a design it gives must be one the rest of Loadstar takes: it
// writes and reads back as a project file unchanged, passes through the design
// checks, and exports (and the export imports again).
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "engine/model/project_file.h"
#include "engine/openapi/exporter.h"
#include "engine/openapi/importer.h"
#include "engine/schema/project_check.h"

using namespace loadstar;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    auto result = openapi::importOpenApi("fuzz.yaml", text);
    if (const auto* failure = std::get_if<openapi::ImportFailure>(&result)) {
        if (failure->errors.empty()) std::abort();  // a refusal must say why
        for (const openapi::ImportIssue& error : failure->errors) {
            if (error.message.empty() || error.message.starts_with(openapi::kInternalError)) std::abort();
        }
        return 0;
    }
    const model::Project& project = std::get<openapi::ImportResult>(result).project;
    const std::string file = model::serializeProject(project);
    auto back = model::parseProject(file);
    if (!std::holds_alternative<model::Project>(back)) std::abort();
    if (!(std::get<model::Project>(back) == project)) std::abort();
    schema::checkProject(project);
    const std::string exported = openapi::toJsonText(openapi::exportDocument(project));
    auto again = openapi::importOpenApi("export.json", exported);
    if (!std::holds_alternative<openapi::ImportResult>(again)) std::abort();
    return 0;
}
