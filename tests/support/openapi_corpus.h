#pragma once

#include <cstdlib>
#include <filesystem>
#include <optional>

#include "support/temp_dir.h"

namespace loadstar::testing {

// The public OpenAPI documents other projects wrote (see its README), kept
// outside the repository at ../shared/openapi-corpus from the project root, or
// wherever LOADSTAR_OPENAPI_CORPUS points. Tests read them where they are and
// never copy them in.
inline std::optional<std::filesystem::path> openApiCorpus() {
    if (const char* configured = std::getenv("LOADSTAR_OPENAPI_CORPUS"); configured && *configured) {
        if (std::filesystem::is_directory(configured)) return std::filesystem::path(configured);
        return std::nullopt;
    }
    // A checkout at /work/main has it at ../shared; a worktree at /work/wt/NAME one level further up.
    for (const char* relative : {"../shared/openapi-corpus", "../../shared/openapi-corpus"}) {
        const std::filesystem::path candidate = (sourceDir() / relative).lexically_normal();
        if (std::filesystem::is_directory(candidate)) return candidate;
    }
    return std::nullopt;
}

inline constexpr const char* kCorpusMissing =
    "the OpenAPI corpus is absent: not at ../shared/openapi-corpus beside the project (nor at "
    "$LOADSTAR_OPENAPI_CORPUS); the corpus tests did not run";

}  // namespace loadstar::testing
