#pragma once

#include <QString>

namespace loadstar::widgets {

// Opens the workbench on the sample projects with throwaway settings and saves
// the main views as PNG files in `directory` (welcome, settings, model,
// endpoint, behaviour, server with a 422 in the Try-it console, scenario,
// dashboard during and after a run, problems).
// Returns a process exit code.
int renderScreenshots(const QString& directory);

}  // namespace loadstar::widgets
