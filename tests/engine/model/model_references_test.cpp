#include "engine/model/model_references.h"

#include <gtest/gtest.h>

#include "engine/model/project_file.h"
#include "support/temp_dir.h"

namespace loadstar::model {
namespace {

Project sample(const char* file) {
    auto result = loadProject(loadstar::testing::sourceDir() / "projects" / file);
    EXPECT_TRUE(std::holds_alternative<Project>(result));
    return std::get<Project>(result);
}

TEST(ModelReferences, RenamingAModelMovesEveryReference) {
    Project p = sample("embedder.loadstar.json");
    Model wrapper{"Batch", "", {}, ExtraFields::Ignore};
    wrapper.fields.push_back({"requests", TypeSpec::arrayOf(TypeSpec::object("EmbedRequest")), true,
                              std::nullopt, "", std::nullopt});
    p.models.push_back(wrapper);
    const Project before = p;
    EXPECT_EQ(countModelReferences(p, "EmbedRequest"), 2);
    EXPECT_EQ(renameModelEverywhere(p, "EmbedRequest", "TextBatch"), 2);
    EXPECT_EQ(p.models[0].name, "TextBatch");
    EXPECT_EQ(p.endpoints[0].requestBody->type.modelRef, "TextBatch");
    EXPECT_EQ(p.models[2].fields[0].type.items->modelRef, "TextBatch");
    EXPECT_EQ(p.endpoints[0].responses[0].body->modelRef, "EmbedResponse");
    // Array items are shared between snapshots: the old one must not change with the new.
    EXPECT_EQ(before.models[2].fields[0].type.items->modelRef, "EmbedRequest");
    EXPECT_EQ(countModelReferences(p, "EmbedRequest"), 0);
}

}  // namespace
}  // namespace loadstar::model
