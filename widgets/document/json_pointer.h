#pragma once

#include <string>
#include <vector>

#include "engine/model/project.h"

namespace loadstar::widgets {

// A parsed JSON pointer into a project document, such as
// "/endpoints/2/parameters/0/name", as design problems report their place.
class JsonPointer {
  public:
    static JsonPointer parse(const std::string& text);

    const std::vector<std::string>& tokens() const { return tokens_; }
    std::size_t size() const { return tokens_.size(); }
    const std::string& token(std::size_t i) const;  // "" past the end
    int indexAt(std::size_t i) const;               // the token as an index, -1 if it is none

    const std::string& collection() const { return token(0); }  // "models", "endpoints", "server", ...
    int itemIndex() const { return indexAt(1); }
    // The pointer from token `from` on: "/models/2/fields/0".tail(2) == "/fields/0".
    std::string tail(std::size_t from) const;

    // Where this points, for people: "model EmbedRequest › field texts › items".
    std::string describe(const model::Project& project) const;

  private:
    std::vector<std::string> tokens_;
};

}  // namespace loadstar::widgets
