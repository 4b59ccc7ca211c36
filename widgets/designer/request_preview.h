#pragma once

#include <memory>

#include "engine/model/project.h"
#include "widgets/designer/preview_pane.h"

namespace loadstar::widgets {

// A valid request for the endpoint as an HTTP message, as a client would send it
// (credentials shown as placeholders): the endpoint editor's request preview.
PreviewPane::Result sampleRequestText(const std::shared_ptr<const model::Project>& project,
                                      const model::Endpoint& e);

}  // namespace loadstar::widgets
