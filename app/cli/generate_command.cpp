#include <ostream>

#include "app/cli/arguments.h"
#include "app/cli/cli.h"
#include "app/cli/commands.h"
#include "app/cli/project_loading.h"
#include "engine/codegen/generator.h"
#include "engine/codegen/launch.h"
#include "engine/codegen/project_writer.h"
#include "engine/model/design_check.h"
#include "engine/schema/project_check.h"

namespace loadstar::cli {

namespace {
constexpr const char* kUsage =
    "usage: loadstar generate fastapi|flask PROJECT -o DIR [--force]\n"
    "\n"
    "Writes a runnable Python project for the design: a FastAPI app served by uvicorn, or a Flask\n"
    "app served by gunicorn (both `app.main:app`), with its Pydantic models, one view per endpoint\n"
    "with the designed validation, auth and behaviour, requirements.txt, a README and a start\n"
    "script. The same design always gives the same files.\n"
    "\n"
    "  -o, --output DIR   the folder to write; it must be new or empty unless --force\n"
    "  --force            write into a folder that is not empty, replacing the generated files\n"
    "\n"
    "Exit status: 0 written, 2 failure (nothing is written for a design with errors: see\n"
    "loadstar check).\n";
}

int runGenerate(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
    int exitCode = kExitOk;
    const auto parsed =
        parseCommandLine(args, {{"output", 'o', true}, {"force"}}, kUsage, out, err, exitCode);
    if (!parsed) return exitCode;
    if (parsed->positionals().size() != 2) return usageError(err, "give a framework and a PROJECT", kUsage);
    const std::optional<codegen::Framework> framework = codegen::parseFramework(parsed->positionals()[0]);
    if (!framework) {
        return usageError(err, "unknown framework \"" + parsed->positionals()[0] + "\" (fastapi or flask)",
                          kUsage);
    }
    const std::optional<std::string> folder = parsed->value("output");
    if (!folder || folder->empty()) return usageError(err, "give the folder to write with -o DIR", kUsage);
    const std::string& file = parsed->positionals()[1];
    const std::optional<model::Project> project = loadProjectOrReport(file, err);
    if (!project) return kExitError;

    std::size_t errors = 0;
    for (const model::Problem& p : schema::checkProject(*project)) {
        if (p.severity != model::Severity::Error) continue;
        err << file << ":" << p.location << ": error: " << p.message << "\n";
        ++errors;
    }
    if (errors > 0) {
        err << "loadstar: the design has errors; nothing was generated\n";
        return kExitError;
    }

    const codegen::GeneratedProject generated = codegen::generate(*project, *framework);
    if (const auto failure = codegen::writeProject(generated, *folder, parsed->has("force"))) {
        err << "loadstar: " << *failure << "\n";
        return kExitError;
    }
    const bool fastapi = *framework == codegen::Framework::FastApi;
    out << "wrote " << generated.files.size() << " files to " << *folder << " ("
        << (fastapi ? "FastAPI" : "Flask") << ", app.main:app)\n";
    out << "start it with " << *folder
        << (fastapi ? "/start-uvicorn.sh" : "/start-gunicorn.sh [sync|gthread]") << "\n";
    for (const std::string& note : generated.notes)
        out << "note: " << note << "\n";
    const std::string python = codegen::LaunchOptions{}.python;
    const auto missing = codegen::missingPythonModules(python, *project, *framework);
    if (!missing.empty()) err << "loadstar: " << codegen::missingPythonMessage(python, missing) << "\n";
    return kExitOk;
}

}  // namespace loadstar::cli
