#include "app/cli/report_command.h"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <ostream>
#include <spawn.h>
#include <sys/wait.h>

#include "app/cli/arguments.h"
#include "app/cli/cli.h"
#include "app/cli/project_loading.h"
#include "engine/model/project_file.h"
#include "engine/report/report_files.h"
#include "engine/results/run_store.h"

extern char** environ;

namespace loadstar::cli {

namespace {

constexpr const char* kUsage =
    "usage: loadstar report RUN.json [RUN2.json ...] [options]\n"
    "\n"
    "Builds a report on a stored run (PROJECT.runs/*.json, or a file from run --json),\n"
    "or a comparison of several runs with the first as the baseline: overlaid charts\n"
    "and a table of differences, regressions and improvements marked.\n"
    "Without an output option, writes RUN.html beside the first run.\n"
    "\n"
    "      --html FILE      self-contained HTML report (no scripts, prints well)\n"
    "      --pdf FILE       the same report as a PDF (runs loadstar-workbench, headless)\n"
    "      --json FILE      the run as JSON; for several runs, the runs and their differences\n"
    "      --csv FILE       time series to FILE, per-endpoint summary to FILE with\n"
    "                       .endpoints before its extension\n"
    "      --junit FILE     thresholds as JUnit XML test cases, a suite per run\n"
    "      --hdr FILE       HdrHistogram percentile distribution (ms); FILE.A, FILE.B ...\n"
    "                       before the extension when comparing\n"
    "      --project NAME   the project's name for the header (default: the project the\n"
    "                       runs are stored beside, when it can be read)\n"
    "\n"
    "Exit status: 0 written, 2 error (unreadable run, unwritable file).\n";

// Runs stored by `loadstar run` live in "<project file>.runs/": name the project.
std::string projectNameBeside(const std::filesystem::path& runFile) {
    const std::filesystem::path folder = runFile.parent_path();
    const std::string name = folder.filename().string();
    if (!name.ends_with(".runs")) return {};
    const std::filesystem::path project = folder.parent_path() / name.substr(0, name.size() - 5);
    if (!std::filesystem::exists(project)) return {};
    const auto loaded = model::loadProject(project);
    if (const auto* p = std::get_if<model::Project>(&loaded)) return p->name;
    return {};
}

// The CLI links no Qt: the PDF comes from `loadstar-workbench --export-pdf`,
// installed beside this binary, which runs headless.
int exportPdf(const std::string& pdf, const std::vector<std::string>& runFiles, const std::string& project,
              std::ostream& err) {
    std::error_code ec;
    const std::filesystem::path self = std::filesystem::read_symlink("/proc/self/exe", ec);
    const std::string workbench = (self.parent_path() / "loadstar-workbench").string();
    std::vector<std::string> args = {workbench, "--export-pdf", pdf};
    args.insert(args.end(), runFiles.begin(), runFiles.end());
    if (!project.empty()) {
        args.emplace_back("--project");
        args.push_back(project);
    }
    std::vector<char*> argv;
    for (std::string& a : args)
        argv.push_back(a.data());
    argv.push_back(nullptr);
    pid_t pid = 0;
    const int spawned = ::posix_spawn(&pid, workbench.c_str(), nullptr, nullptr, argv.data(), environ);
    if (spawned != 0) {
        err << "loadstar report: cannot start " << workbench << " for the PDF: " << std::strerror(spawned)
            << "\n";
        return kExitError;
    }
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    return WIFEXITED(status) ? WEXITSTATUS(status) : kExitError;
}

}  // namespace

int runReport(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
    int exitCode = kExitOk;
    const auto parsed = parseCommandLine(args,
                                         {{"html", '\0', true},
                                          {"pdf", '\0', true},
                                          {"json", '\0', true},
                                          {"csv", '\0', true},
                                          {"junit", '\0', true},
                                          {"hdr", '\0', true},
                                          {"project", '\0', true}},
                                         kUsage, out, err, exitCode);
    if (!parsed) return exitCode;
    const std::vector<std::string>& files = parsed->positionals();
    if (files.empty()) return usageError(err, "give at least one RUN.json", kUsage);

    std::vector<results::RunResult> runs;
    for (const std::string& file : files) {
        auto read = results::readRunResult(file);
        if (const auto* e = std::get_if<std::string>(&read)) {
            err << "loadstar report: " << file << ": " << *e << "\n";
            return kExitError;
        }
        runs.push_back(std::get<results::RunResult>(std::move(read)));
    }

    report::ReportFiles outputs;
    outputs.html = parsed->value("html");
    outputs.json = parsed->value("json");
    outputs.csv = parsed->value("csv");
    outputs.junit = parsed->value("junit");
    outputs.hdr = parsed->value("hdr");
    const auto pdf = parsed->value("pdf");
    if (!outputs.any() && !pdf)
        outputs.html = std::filesystem::path(files.front()).replace_extension(".html").string();

    report::ReportOptions options;
    options.project = parsed->value("project").value_or(projectNameBeside(files.front()));
    const report::WrittenReports written = report::writeReports(runs, outputs, options);
    int status = kExitOk;
    for (const std::string& e : written.errors) {
        err << "loadstar report: " << e << "\n";
        status = kExitError;
    }
    for (const std::string& f : written.files)
        out << "report: " << f << "\n";
    if (pdf) {
        const int code = exportPdf(*pdf, files, options.project, err);
        if (code == kExitOk) {
            out << "report: " << *pdf << "\n";
        } else {
            status = kExitError;
        }
    }
    return status;
}

}  // namespace loadstar::cli
