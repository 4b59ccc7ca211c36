#include <cstdlib>
#include <iostream>
#include <string>
#include <vector>

#include <QApplication>
#include <QDir>
#include <QString>
#include <QTemporaryDir>

#include "app/cli/cli.h"
#include "app/workbench/screenshot_tour.h"
#include "engine/model/project_file.h"
#include "widgets/common/installed_data.h"
#include "widgets/common/resource_icon.h"
#include "widgets/runs/report_pdf.h"
#include "widgets/window/main_window.h"

namespace {

// Qt aborts when it cannot reach a display; say what to do instead.
bool displayAvailable() {
    const auto set = [](const char* name) {
        const char* value = std::getenv(name);
        return value != nullptr && *value != '\0';
    };
    return set("DISPLAY") || set("WAYLAND_DISPLAY") || set("QT_QPA_PLATFORM");
}

// `--self-test`: starts the workbench as a user would (the window, its icon, the
// welcome page with the sample projects found where this binary's installation
// keeps them), reports what it found and exits: 0 when all is there. For checking an
// installed package; it touches no user settings (a scratch folder stands in).
int selfTest() {
    using namespace loadstar::widgets;
    QTemporaryDir scratch;
    MainWindow::Options options;
    options.settingsFile = scratch.filePath(QStringLiteral("settings.ini"));
    options.recoveryDir = scratch.filePath(QStringLiteral("recovery"));
    MainWindow window(options);
    window.show();
    window.openInitial(QString());
    QApplication::processEvents();
    const QStringList samples =
        QDir(samplesDirectory()).entryList({QStringLiteral("*.loadstar.json")}, QDir::Files, QDir::Name);
    const bool iconOk = !QApplication::windowIcon().pixmap(64, 64).isNull();
    std::cout << "loadstar-workbench " << LOADSTAR_VERSION << ": window \""
              << window.windowTitle().toStdString() << "\" " << window.width() << "x" << window.height()
              << " on " << QApplication::platformName().toStdString()
              << "\nsamples: " << QDir::toNativeSeparators(samplesDirectory()).toStdString() << " ("
              << samples.join(QStringLiteral(", ")).toStdString()
              << ")\nicon: " << (iconOk ? "ok" : "missing") << "\n";
    return window.isVisible() && !samples.isEmpty() && iconOk ? loadstar::cli::kExitOk
                                                              : loadstar::cli::kExitError;
}

}  // namespace

int main(int argc, char** argv) {
    // `loadstar` hands over to this binary when no subcommand is given (see
    // loadstar_main.cpp); subcommands given here directly still work.
    const std::vector<std::string> args(argv + 1, argv + argc);
    // `loadstar report --pdf` comes here: the PDF needs Qt, the CLI has none. Headless.
    if (!args.empty() && args.front() == "--export-pdf") {
        QStringList arguments;
        for (int i = 0; i < argc; ++i)
            arguments << QString::fromLocal8Bit(argv[i]);
        return loadstar::widgets::exportPdfMain(arguments);
    }
    // Hidden: renders the main views into PNG files for the README (scripts/screenshots.sh).
    const bool screenshots = !args.empty() && args.front() == "--screenshot";
    const bool selfTesting = args.size() == 1 && args.front() == "--self-test";
    if (!screenshots && !selfTesting && loadstar::cli::isCliInvocation(args))
        return loadstar::cli::run(args, std::cout, std::cerr);
    if (screenshots && args.size() != 2) {
        std::cerr << "loadstar: --screenshot takes one directory\n";
        return loadstar::cli::kExitError;
    }

    if (!displayAvailable()) {
        std::cerr
            << "loadstar: no display found (DISPLAY and WAYLAND_DISPLAY are unset), so the workbench cannot "
               "open.\nRun it under a desktop session or `xvfb-run`, or use the command line:\n\n"
            << loadstar::cli::usage();
        return loadstar::cli::kExitError;
    }
    if (!screenshots && !selfTesting && args.size() > 1) {
        std::cerr << "loadstar: give at most one PROJECT to open\n\n" << loadstar::cli::usage();
        return loadstar::cli::kExitError;
    }

    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("Loadstar"));
    QApplication::setOrganizationName(QStringLiteral("Loadstar"));
    QApplication::setApplicationVersion(QStringLiteral(LOADSTAR_VERSION));
    QGuiApplication::setDesktopFileName(QStringLiteral("loadstar"));
    QApplication::setWindowIcon(loadstar::widgets::applicationIcon());

    if (selfTesting) return selfTest();
    if (screenshots) return loadstar::widgets::renderScreenshots(QString::fromStdString(args.back()));

    loadstar::widgets::MainWindow window;
    window.show();
    window.openInitial(args.empty() ? QString() : QString::fromStdString(args.front()));
    return QApplication::exec();
}
