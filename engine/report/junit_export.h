#pragma once

#include <string>
#include <vector>

#include "engine/results/run_result.h"

namespace loadstar::report {

// JUnit XML for CI: a <testsuites> with one <testsuite> per run and one
// <testcase> per threshold. A threshold that was not met is a <failure> whose
// message carries the measured value and the limit; a threshold that does not
// parse is an <error>. The suite's time is the measured seconds.
std::string junitReport(const std::vector<results::RunResult>& runs);

}  // namespace loadstar::report
