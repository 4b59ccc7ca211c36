#include "engine/schema/validation_error.h"

namespace loadstar::schema {

Json ValidationError::toJson() const {
    Json out = Json::object();
    out["type"] = type;
    out["loc"] = loc;
    out["msg"] = msg;
    out["input"] = input;
    if (ctx) out["ctx"] = *ctx;
    return out;
}

Json errorBody(const std::vector<ValidationError>& errors) {
    Json detail = Json::array();
    for (const ValidationError& error : errors)
        detail.push_back(error.toJson());
    Json body = Json::object();
    body["detail"] = std::move(detail);
    return body;
}

}  // namespace loadstar::schema
