#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <variant>

#include "engine/model/project.h"
#include "engine/model/server_choice.h"
#include "engine/results/run_result.h"
#include "engine/server/external_server.h"
#include "engine/session/scenario_session.h"

namespace loadstar::session {

// Where generated apps are kept between runs: $LOADSTAR_APP_CACHE, else
// $XDG_CACHE_HOME/loadstar/apps, else ~/.cache/loadstar/apps.
std::filesystem::path defaultAppCache();
// The Python that runs generated apps: $LOADSTAR_PYTHON, else Debian's
// /usr/bin/python3 (the one on PATH may be a virtual environment without the
// frameworks).
std::string defaultPython();

// The design generated as the app for `kind` (FastApi or Flask) in
// `cache/<framework>-<content key>/`: written once, under a temporary name renamed
// into place, so that a run never sees half a folder and runs of the same design
// share it. The folder, or why it could not be written.
std::variant<std::filesystem::path, std::string> generatedApp(const model::Project& project,
                                                              model::ServerKind kind,
                                                              const std::filesystem::path& cache);

// A generated app's server, started and answering.
struct FrameworkServer {
    std::unique_ptr<server::ExternalServer> process;
    results::ServerUnderTest described;
    std::filesystem::path folder;  // the generated app it runs
};

// Generates the design as the chosen framework's app into
// `<design.appCache>/<framework>-<content key>/` (once: a later run of the same
// design finds it there), checks that `design.python` has every module the app
// needs (naming the Debian packages when not), starts it on a free loopback port
// (pinned to `design.serverCpus` when given) and waits until its health path
// answers. An empty cache or python takes the defaults above.
std::variant<FrameworkServer, std::string> launchFramework(const model::Project& project,
                                                           const model::ServerChoice& choice,
                                                           const DesignServer& design);

}  // namespace loadstar::session
