#include <QAbstractItemModelTester>

#include <gtest/gtest.h>

#include "engine/model/design_check.h"
#include "engine/model/project_file.h"
#include "support/temp_dir.h"
#include "widgets/designer/field_table_model.h"
#include "widgets/designer/parameter_table_model.h"
#include "widgets/designer/response_table_model.h"
#include "widgets/document/problems_model.h"
#include "widgets/document/project_tree_model.h"

namespace loadstar::widgets {
namespace {

using Mode = QAbstractItemModelTester::FailureReportingMode;

std::vector<model::Project> samples() {
    std::vector<model::Project> out;
    for (const auto& file : loadstar::testing::sampleProjects()) {
        auto result = model::loadProject(file);
        EXPECT_TRUE(std::holds_alternative<model::Project>(result)) << file;
        if (auto* p = std::get_if<model::Project>(&result)) out.push_back(std::move(*p));
    }
    EXPECT_EQ(out.size(), 5u);
    return out;
}

TEST(ProjectTreeModel, ShowsGroupsAndPassesTheModelTester) {
    ProjectTreeModel tree;
    QAbstractItemModelTester tester(&tree, Mode::Fatal);
    for (const model::Project& p : samples())
        tree.setProject(p, model::checkDesign(p));
    tree.setProject(model::Project{}, {});
    EXPECT_EQ(tree.rowCount(), 5);
    auto result = model::loadProject(loadstar::testing::sourceDir() / "projects/embedder.loadstar.json");
    const auto& embedder = std::get<model::Project>(result);
    tree.setProject(embedder, {});
    EXPECT_EQ(tree.index(1, 0).data().toString(), "Models (2)");
    EXPECT_EQ(tree.index(1, 0, tree.index(2, 0)).isValid(), false);
    EXPECT_EQ(tree.index(0, 0, tree.index(2, 0)).data().toString(), "POST /embed");
    const auto node = tree.nodeAt(tree.index(1, 0, tree.index(1, 0)));
    EXPECT_EQ(node, (ProjectTreeModel::Node{ProjectTreeModel::Kind::Model, 1}));
    EXPECT_EQ(tree.indexOf(node).data().toString(), "EmbedResponse");
    EXPECT_EQ(tree.rowCount(tree.index(4, 0)), 0);
    model::Project renamed = embedder;
    renamed.models[1].name = "Vectors";
    tree.setProject(renamed, {});  // same shape: updated in place
    EXPECT_EQ(tree.indexOf(node).data().toString(), "Vectors");
}

TEST(ProblemsModel, ListsErrorsFirstWithReadablePlacesAndPassesTheModelTester) {
    ProblemsModel problems;
    QAbstractItemModelTester tester(&problems, Mode::Fatal);
    auto result = model::loadProject(loadstar::testing::sourceDir() / "projects/embedder.loadstar.json");
    model::Project p = std::get<model::Project>(result);
    p.name.clear();                      // a warning
    p.endpoints[0].path = "/embed/{m}";  // an error
    problems.setProblems(p, model::checkDesign(p));
    ASSERT_EQ(problems.rowCount(), 2);
    EXPECT_EQ(problems.errorCount(), 1);
    EXPECT_EQ(problems.locationAt(0), "/endpoints/0/path");
    EXPECT_EQ(problems.index(0, ProblemsModel::WhereColumn).data().toString(),
              QString::fromUtf8("endpoint POST /embed/{m} › path"));
    EXPECT_EQ(problems.locationAt(1), "/name");
    problems.setProblems(p, {});
    EXPECT_EQ(problems.rowCount(), 0);
}

TEST(FieldTableModel, SummarisesConstraintsAndPassesTheModelTester) {
    FieldTableModel fields;
    QAbstractItemModelTester tester(&fields, Mode::Fatal);
    for (const model::Project& p : samples()) {
        for (const model::Model& m : p.models)
            fields.setFields(m.fields);
    }
    auto result = model::loadProject(loadstar::testing::sourceDir() / "projects/embedder.loadstar.json");
    const auto& embedder = std::get<model::Project>(result);
    fields.setFields(embedder.models[0].fields);
    EXPECT_EQ(fields.index(0, FieldTableModel::TypeColumn).data().toString(), "array of string");
    EXPECT_EQ(fields.index(0, FieldTableModel::ConstraintsColumn).data().toString(),
              QString::fromUtf8("1–64 items; each 1–2048 chars"));
    EXPECT_EQ(fields.index(0, FieldTableModel::RequiredColumn).data(Qt::CheckStateRole).toInt(), Qt::Checked);
}

TEST(ParameterTableModel, ReportsEditsInsteadOfApplyingThemAndPassesTheModelTester) {
    ParameterTableModel params;
    QAbstractItemModelTester tester(&params, Mode::Fatal);
    for (const model::Project& p : samples()) {
        for (const model::Endpoint& e : p.endpoints)
            params.setParameters(e.parameters);
    }
    model::Parameter limit{"limit",
                           model::ParamLocation::Query,
                           model::TypeSpec::scalar(model::TypeKind::Integer),
                           false,
                           std::nullopt,
                           "",
                           std::nullopt};
    params.setParameters({limit});
    std::vector<model::Parameter> edited;
    QObject::connect(&params, &ParameterTableModel::parameterEdited,
                     [&](int, const model::Parameter& p, const QString&) { edited.push_back(p); });
    EXPECT_TRUE(params.setData(params.index(0, ParameterTableModel::InColumn), "path"));
    ASSERT_EQ(edited.size(), 1u);
    EXPECT_EQ(edited[0].in, model::ParamLocation::Path);
    EXPECT_TRUE(edited[0].required);  // path parameters always are
    EXPECT_FALSE(params.setData(params.index(0, ParameterTableModel::InColumn), "body"));
    EXPECT_EQ(params.index(0, ParameterTableModel::InColumn).data().toString(),
              "query");  // unchanged until the document says so
}

TEST(ResponseTableModel, ReportsEditsAndPassesTheModelTester) {
    ResponseTableModel responses;
    QAbstractItemModelTester tester(&responses, Mode::Fatal);
    for (const model::Project& p : samples()) {
        for (const model::Endpoint& e : p.endpoints)
            responses.setResponses(e.responses);
    }
    responses.setResponses({model::Response{200, "OK", model::TypeSpec::object("Book"), std::nullopt}});
    EXPECT_EQ(responses.index(0, ResponseTableModel::BodyColumn).data().toString(), "model Book");
    std::vector<model::Response> edited;
    QObject::connect(&responses, &ResponseTableModel::responseEdited,
                     [&](int, const model::Response& r, const QString&) { edited.push_back(r); });
    EXPECT_FALSE(responses.setData(responses.index(0, ResponseTableModel::StatusColumn), 99));
    EXPECT_TRUE(responses.setData(responses.index(0, ResponseTableModel::BodyColumn), QString()));
    ASSERT_EQ(edited.size(), 1u);
    EXPECT_FALSE(edited[0].body.has_value());
    EXPECT_FALSE(responses.setData(responses.index(0, ResponseTableModel::ExampleColumn), "{not json"));
    EXPECT_TRUE(
        responses.setData(responses.index(0, ResponseTableModel::ExampleColumn), R"({"title": "Dune"})"));
    ASSERT_EQ(edited.size(), 2u);
    EXPECT_EQ(edited[1].example, Json({{"title", "Dune"}}));
}

}  // namespace
}  // namespace loadstar::widgets
