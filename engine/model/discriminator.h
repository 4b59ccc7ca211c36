#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "engine/model/project.h"
#include "engine/model/type_spec.h"

namespace loadstar::model {

// One tag value of a tagged union and the variant it selects.
struct DiscriminatorTag {
    std::string tag;
    std::size_t variant = 0;  // index into TypeSpec::variants

    bool operator==(const DiscriminatorTag&) const = default;
};

// The tags of a tagged union, in variant order. A variant's tags are, first found:
// the mapping entries that name its model (in mapping order); else the string
// values its model allows for the discriminator field (a literal, or an enum of
// strings: Pydantic's Literal['cat']); else its model name (OpenAPI's implicit
// mapping). Variants that are not model references, and tags already taken by an
// earlier variant, contribute nothing. Empty when the union has no discriminator.
std::vector<DiscriminatorTag> discriminatorTags(const Project& project, const TypeSpec& unionType);

}  // namespace loadstar::model
