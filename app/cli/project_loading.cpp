#include "app/cli/project_loading.h"

#include <ostream>

#include "app/cli/cli.h"
#include "engine/model/project_file.h"

namespace loadstar::cli {

std::optional<model::Project> loadProjectOrReport(const std::string& file, std::ostream& err) {
    model::ProjectResult<model::Project> result = model::loadProject(file);
    if (auto* error = std::get_if<model::ProjectError>(&result)) {
        if (error->where == file) {
            err << file << ": " << error->message << "\n";
        } else {
            err << file << ": " << error->toString() << "\n";
        }
        return std::nullopt;
    }
    return std::get<model::Project>(std::move(result));
}

int usageError(std::ostream& err, const std::string& message, const char* usage) {
    err << "loadstar: " << message << "\n\n" << usage;
    return kExitError;
}

std::optional<Arguments> parseCommandLine(const std::vector<std::string>& args, std::vector<OptionSpec> specs,
                                          const char* usage, std::ostream& out, std::ostream& err,
                                          int& exitCode) {
    specs.push_back({"help", 'h'});
    std::string error;
    auto parsed = Arguments::parse(args, specs, error);
    if (!parsed) {
        exitCode = usageError(err, error, usage);
        return std::nullopt;
    }
    if (parsed->has("help")) {
        out << usage;
        exitCode = kExitOk;
        return std::nullopt;
    }
    return parsed;
}

}  // namespace loadstar::cli
