#include <filesystem>
#include <ostream>

#include "app/cli/arguments.h"
#include "app/cli/cli.h"
#include "app/cli/commands.h"
#include "app/cli/project_loading.h"
#include "engine/engines/k6_export.h"
#include "engine/engines/locust_export.h"
#include "engine/model/project_file.h"

namespace loadstar::cli {

namespace {

constexpr const char* kUsage =
    "usage: loadstar export locust PROJECT --scenario NAME -o locustfile.py\n"
    "       loadstar export k6 PROJECT --scenario NAME -o script.js\n"
    "       loadstar export k6 PROJECT --scenario NAME --operator N -o DIR [--base-url URL]\n"
    "\n"
    "Writes a scenario as a test for another load engine, to run it from several machines.\n"
    "\n"
    "  locust   a locustfile (Locust 2.12, Debian's python3-locust) and the requests it sends in\n"
    "           a data file beside it (locustfile.data.json): copy both to every machine\n"
    "  k6       a k6 script with the requests in it; with --operator N, DIR receives the script,\n"
    "           configmap.yaml holding it and testrun.yaml, a k6-operator TestRun with\n"
    "           parallelism N\n"
    "\n"
    "  -s, --scenario NAME   the scenario to export\n"
    "  -o, --output PATH     the file to write (a folder with --operator)\n"
    "      --operator N      k6: also write k6-operator's ConfigMap and TestRun for N runners\n"
    "      --base-url URL    k6 --operator: the target as the runner pods reach it\n"
    "                        (default: the scenario's URL)\n"
    "\n"
    "Results come back with `loadstar import-results`. Exit status: 0 written, 2 failure.\n";

int write(const std::filesystem::path& file, const std::string& text, std::ostream& out, std::ostream& err) {
    const auto written = model::writeFileAtomically(file, text);
    if (const auto* e = std::get_if<model::ProjectError>(&written)) {
        err << "loadstar export: " << e->toString() << "\n";
        return kExitError;
    }
    out << "wrote " << file.string() << "\n";
    return kExitOk;
}

void printNotes(const std::vector<std::string>& notes, std::ostream& err) {
    for (const std::string& n : notes)
        err << "note: " << n << "\n";
}

int exportLocust(const model::Project& project, const model::Scenario& scenario, const std::string& output,
                 std::ostream& out, std::ostream& err) {
    const std::filesystem::path file(output);
    engines::LocustExportOptions options;
    options.dataFileName = file.stem().string() + ".data.json";
    auto exported = engines::exportLocust(project, scenario, options);
    if (const auto* e = std::get_if<std::string>(&exported)) {
        err << "loadstar export: scenario \"" << scenario.name << "\": " << *e << "\n";
        return kExitError;
    }
    const auto& files = std::get<engines::LocustExport>(exported);
    if (write(file, files.locustfile, out, err) != kExitOk) return kExitError;
    if (write(file.parent_path() / options.dataFileName, files.data, out, err) != kExitOk) return kExitError;
    printNotes(files.notes, err);
    return kExitOk;
}

int exportK6(const model::Project& project, const model::Scenario& scenario, const Arguments& args,
             std::ostream& out, std::ostream& err) {
    auto exported = engines::exportK6(project, scenario);
    if (const auto* e = std::get_if<std::string>(&exported)) {
        err << "loadstar export: scenario \"" << scenario.name << "\": " << *e << "\n";
        return kExitError;
    }
    const auto& files = std::get<engines::K6Export>(exported);
    const std::string output = *args.value("output");
    if (!args.has("operator")) {
        if (write(output, files.script, out, err) != kExitOk) return kExitError;
        printNotes(files.notes, err);
        return kExitOk;
    }
    int parallelism = 0;
    try {
        std::size_t used = 0;
        parallelism = std::stoi(*args.value("operator"), &used);
        if (used != args.value("operator")->size()) parallelism = 0;
    } catch (const std::exception&) {
    }
    if (parallelism < 1 || parallelism > 10000)
        return usageError(err, "--operator wants a number of runners from 1 to 10000", kUsage);
    std::string baseUrl =
        args.value("base-url")
            .value_or(scenario.target.kind == model::Target::Kind::Url ? scenario.target.url : std::string());
    const std::filesystem::path dir(output);
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    if (ec) {
        err << "loadstar export: " << dir.string() << ": " << ec.message() << "\n";
        return kExitError;
    }
    const engines::K6OperatorManifests m =
        engines::k6OperatorManifests(scenario.name, files.script, parallelism, baseUrl);
    for (const auto& [name, text] : {std::pair{std::string(engines::kK6ScriptFile), files.script},
                                     std::pair{std::string("configmap.yaml"), m.configMap},
                                     std::pair{std::string("testrun.yaml"), m.testRun}}) {
        if (write(dir / name, text, out, err) != kExitOk) return kExitError;
    }
    if (baseUrl.empty())
        err << "note: the target is the design's embedded server: set BASE_URL in testrun.yaml to the "
               "address "
               "the runner pods reach (or give --base-url)\n";
    printNotes(files.notes, err);
    out << "run it: kubectl apply -f " << (dir / "configmap.yaml").string() << " -f "
        << (dir / "testrun.yaml").string() << "\n";
    return kExitOk;
}

}  // namespace

int runExport(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
    int exitCode = kExitOk;
    const auto parsed = parseCommandLine(
        args,
        {{"scenario", 's', true}, {"output", 'o', true}, {"operator", '\0', true}, {"base-url", '\0', true}},
        kUsage, out, err, exitCode);
    if (!parsed) return exitCode;
    if (parsed->positionals().size() != 2)
        return usageError(err, "give the engine (locust or k6) and PROJECT", kUsage);
    const std::string& engine = parsed->positionals()[0];
    if (engine != "locust" && engine != "k6")
        return usageError(err, "unknown engine \"" + engine + "\": give locust or k6", kUsage);
    if (!parsed->has("scenario")) return usageError(err, "give the scenario with --scenario NAME", kUsage);
    if (!parsed->has("output")) return usageError(err, "give the file to write with -o PATH", kUsage);
    if (engine == "locust" && (parsed->has("operator") || parsed->has("base-url")))
        return usageError(err, "--operator and --base-url are for k6", kUsage);
    const std::string& file = parsed->positionals()[1];
    const std::optional<model::Project> project = loadProjectOrReport(file, err);
    if (!project) return kExitError;
    const model::Scenario* scenario = project->scenario(*parsed->value("scenario"));
    if (scenario == nullptr) {
        err << "loadstar export: " << file << " has no scenario \"" << *parsed->value("scenario") << "\"\n";
        return kExitError;
    }
    if (engine == "locust") return exportLocust(*project, *scenario, *parsed->value("output"), out, err);
    return exportK6(*project, *scenario, *parsed, out, err);
}

}  // namespace loadstar::cli
