#include "widgets/main_window.h"

#include <QLabel>
#include <QListWidget>

#include <gtest/gtest.h>

#include "engine/model/project_file.h"
#include "support/temp_dir.h"

namespace loadstar::widgets {
namespace {

QStringList itemsOf(const QListWidget* list) {
    QStringList out;
    for (int i = 0; i < list->count(); ++i) out << list->item(i)->text();
    return out;
}

TEST(MainWindow, ShowsTheProjectsModelsEndpointsAndScenarios) {
    auto result = model::loadProject(loadstar::testing::sourceDir() / "projects/embedder.loadstar.json");
    ASSERT_TRUE(std::holds_alternative<model::Project>(result));
    MainWindow window;
    window.showProject(std::get<model::Project>(result), "embedder.loadstar.json");
    EXPECT_EQ(window.windowTitle(), QString::fromUtf8("Embedder API — Loadstar"));
    const auto lists = window.findChildren<QListWidget*>();
    ASSERT_EQ(lists.size(), 3);
    EXPECT_EQ(itemsOf(lists[0]), (QStringList{"EmbedRequest", "EmbedResponse"}));
    EXPECT_EQ(itemsOf(lists[1]), (QStringList{"POST /embed"}));
    EXPECT_EQ(itemsOf(lists[2]), (QStringList{"smoke", "steady-200rps"}));
}

TEST(MainWindow, ABrokenFileShowsTheEnginesMessage) {
    MainWindow window;
    window.showLoadError("broken.json", "line 1, column 9: the file ends too early (truncated?)");
    bool found = false;
    for (const QLabel* label : window.findChildren<QLabel*>()) {
        found = found || label->text().contains("line 1, column 9: the file ends too early");
    }
    EXPECT_TRUE(found);
}

}  // namespace
}  // namespace loadstar::widgets
