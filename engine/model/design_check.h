#pragma once

#include <string>
#include <vector>

#include "engine/model/project.h"

namespace loadstar::model {

enum class Severity { Error, Warning };

// One finding about a design. `location` is a JSON pointer into the project
// document (e.g. "/endpoints/2/parameters/0"), so the GUI can jump to it and the
// CLI can print it.
struct Problem {
    Severity severity = Severity::Error;
    std::string location;
    std::string message;

    bool operator==(const Problem&) const = default;
};

// Duplicate routes, path parameters missing from the template (and the reverse),
// unknown model references, reference cycles, impossible constraints, and more.
std::vector<Problem> checkDesign(const Project& project);

const char* toString(Severity severity);  // "error", "warning"

}  // namespace loadstar::model
