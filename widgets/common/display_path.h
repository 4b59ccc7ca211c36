#pragma once

#include <QString>

namespace loadstar::widgets {

// A file path as the user reads it: native separators, and the home folder
// written as "~" ("~/projects/embedder.loadstar.json"), as shells and file
// managers show it. For display only; never for opening the file.
QString displayPath(const QString& path);

}  // namespace loadstar::widgets
