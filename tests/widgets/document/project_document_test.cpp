#include "widgets/document/project_document.h"

#include <QSignalSpy>

#include <gtest/gtest.h>

#include "engine/model/project_file.h"
#include "support/temp_dir.h"

namespace loadstar::widgets {
namespace {

model::Project sample(const char* file) {
    auto result = model::loadProject(loadstar::testing::sourceDir() / "projects" / file);
    EXPECT_TRUE(std::holds_alternative<model::Project>(result));
    return std::get<model::Project>(result);
}

void rename(ProjectDocument& doc, const std::string& to) {
    doc.edit([to](model::Project& p) { p.name = to; },
             [](const model::Project& before, const model::Project& after) {
                 return QStringLiteral("Rename API ‘%1’ to ‘%2’")
                     .arg(QString::fromStdString(before.name), QString::fromStdString(after.name));
             },
             QStringLiteral("name"));
}

TEST(ProjectDocument, AnEditIsOneNamedUndoStepAndMakesTheDocumentDirty) {
    ProjectDocument doc;
    doc.reset(sample("embedder.loadstar.json"), "/tmp/embedder.loadstar.json");
    QSignalSpy dirty(&doc, &ProjectDocument::dirtyChanged);
    EXPECT_FALSE(doc.isDirty());
    EXPECT_TRUE(doc.edit([](model::Project& p) { p.version = "2.0.0"; }, QStringLiteral("Change version")));
    EXPECT_TRUE(doc.isDirty());
    ASSERT_EQ(dirty.count(), 1);
    EXPECT_EQ(doc.undoStack()->undoText(), "Change version");
    EXPECT_EQ(doc.project().version, "2.0.0");
    doc.undoStack()->undo();
    EXPECT_EQ(doc.project().version, "1.0.0");
    EXPECT_FALSE(doc.isDirty());
    doc.undoStack()->redo();
    EXPECT_EQ(doc.project().version, "2.0.0");
}

TEST(ProjectDocument, AnEditThatChangesNothingIsNotRecorded) {
    ProjectDocument doc;
    doc.reset(sample("embedder.loadstar.json"), {});
    EXPECT_FALSE(doc.edit([](model::Project& p) { p.version = "1.0.0"; }, QStringLiteral("Change version")));
    EXPECT_EQ(doc.undoStack()->count(), 0);
}

TEST(ProjectDocument, KeystrokesInOneFieldMergeIntoOneStepNamedFromFirstToLast) {
    ProjectDocument doc;
    doc.reset(sample("embedder.loadstar.json"), {});
    rename(doc, "E");
    rename(doc, "Em");
    rename(doc, "Emb");
    EXPECT_EQ(doc.undoStack()->count(), 1);
    EXPECT_EQ(doc.undoStack()->undoText(), QString::fromUtf8("Rename API ‘Embedder API’ to ‘Emb’"));
    doc.undoStack()->undo();
    EXPECT_EQ(doc.project().name, "Embedder API");
}

TEST(ProjectDocument, LeavingTheFieldEndsTheStep) {
    ProjectDocument doc;
    doc.reset(sample("embedder.loadstar.json"), {});
    rename(doc, "A");
    doc.sealEdits();
    rename(doc, "AB");
    EXPECT_EQ(doc.undoStack()->count(), 2);
    doc.undoStack()->undo();
    EXPECT_EQ(doc.project().name, "A");
}

TEST(ProjectDocument, TypingBackTheOriginalValueLeavesNothingToUndo) {
    ProjectDocument doc;
    doc.reset(sample("embedder.loadstar.json"), {});
    rename(doc, "X");
    rename(doc, "Embedder API");
    EXPECT_EQ(doc.undoStack()->count(), 0);
    EXPECT_FALSE(doc.isDirty());
}

TEST(ProjectDocument, ProblemsAreRecheckedAfterEveryChange) {
    ProjectDocument doc;
    doc.reset(sample("embedder.loadstar.json"), {});
    EXPECT_TRUE(doc.problems().empty());
    QSignalSpy problems(&doc, &ProjectDocument::problemsChanged);
    doc.edit([](model::Project& p) { p.endpoints[0].path = "/embed/{model}"; },
             QStringLiteral("Change path"));
    ASSERT_EQ(problems.count(), 1);
    ASSERT_FALSE(doc.problems().empty());
    EXPECT_EQ(doc.problems().front().location, "/endpoints/0/path");
    doc.undoStack()->undo();
    EXPECT_TRUE(doc.problems().empty());
}

TEST(ProjectDocument, ARecoveredDesignStaysDirtyUntilSaved) {
    ProjectDocument doc;
    doc.reset(sample("embedder.loadstar.json"), "/tmp/x.loadstar.json", true);
    EXPECT_TRUE(doc.isDirty());
    doc.markSaved();
    EXPECT_FALSE(doc.isDirty());
}

}  // namespace
}  // namespace loadstar::widgets
