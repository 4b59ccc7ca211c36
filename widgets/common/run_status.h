#pragma once

#include <QString>

namespace loadstar::widgets {

// Where one run of a sequence (the benchmark plan, Compare Frameworks) stands.
enum class RunStatus { Waiting, Running, Done, Stopped, Failed, Skipped };

// "waiting", "running…", "done", "stopped early", "failed", "skipped".
QString runStatusText(RunStatus status);

}  // namespace loadstar::widgets
