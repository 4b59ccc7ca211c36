#pragma once

#include <cstdint>

#include "engine/model/duration.h"

namespace loadstar::server {

// Real computation for `duration` of wall time on the calling thread: integer
// arithmetic checked against a steady clock, so it occupies the core the way a
// model's forward pass or a JSON transform would. Returns the arithmetic's result
// so that the compiler cannot drop the work.
std::uint64_t burnCpu(model::Duration duration);

}  // namespace loadstar::server
