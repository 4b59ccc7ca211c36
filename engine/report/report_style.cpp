#include "engine/report/report_style.h"

#include "resources/report_files.h"

namespace loadstar::report {

std::string_view reportStyle() {
    return resources::report::kFiles[0].bytes;
}

}  // namespace loadstar::report
