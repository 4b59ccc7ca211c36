#include <cstdlib>
#include <iostream>
#include <string>
#include <vector>

#include <QApplication>
#include <QString>

#include "app/cli/cli.h"
#include "engine/model/project_file.h"
#include "widgets/main_window.h"

namespace {

// Qt aborts when it cannot reach a display; say what to do instead.
bool displayAvailable() {
    const auto set = [](const char* name) {
        const char* value = std::getenv(name);
        return value != nullptr && *value != '\0';
    };
    return set("DISPLAY") || set("WAYLAND_DISPLAY") || set("QT_QPA_PLATFORM");
}

}  // namespace

int main(int argc, char** argv) {
    const std::vector<std::string> args(argv + 1, argv + argc);
    if (loadstar::cli::isCliInvocation(args)) return loadstar::cli::run(args, std::cout, std::cerr);

    if (!displayAvailable()) {
        std::cerr
            << "loadstar: no display found (DISPLAY and WAYLAND_DISPLAY are unset), so the workbench cannot "
               "open.\nRun it under a desktop session or `xvfb-run`, or use the command line:\n\n"
            << loadstar::cli::usage();
        return loadstar::cli::kExitError;
    }

    QApplication app(argc, argv);
    QApplication::setApplicationName("Loadstar");
    QApplication::setOrganizationName("Loadstar");
    QApplication::setApplicationVersion(LOADSTAR_VERSION);

    loadstar::widgets::MainWindow window;
    if (args.size() > 1) {
        std::cerr << "loadstar: give at most one PROJECT to open\n\n" << loadstar::cli::usage();
        return loadstar::cli::kExitError;
    }
    if (!args.empty()) {
        const QString path = QString::fromStdString(args.front());
        auto result = loadstar::model::loadProject(args.front());
        if (const auto* project = std::get_if<loadstar::model::Project>(&result)) {
            window.showProject(*project, path);
        } else {
            window.showLoadError(
                path, QString::fromStdString(std::get<loadstar::model::ProjectError>(result).toString()));
        }
    }
    window.show();
    return QApplication::exec();
}
