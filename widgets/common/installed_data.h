#pragma once

#include <QString>

namespace loadstar::widgets {

// Where the files Loadstar ships (the sample projects) live: share/loadstar beside
// the binary's bin/ folder, in an installed tree (/usr/bin -> /usr/share/loadstar)
// and in the build tree alike (the build stages them there). Never the source tree.
QString installedDataDirectory();

// The sample projects: installedDataDirectory()/projects.
QString samplesDirectory();

}  // namespace loadstar::widgets
