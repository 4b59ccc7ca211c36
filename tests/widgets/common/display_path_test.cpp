#include "widgets/common/display_path.h"

#include <QDir>

#include <gtest/gtest.h>

namespace loadstar::widgets {
namespace {

// Points HOME elsewhere for one test.
class HomeFolder {
  public:
    explicit HomeFolder(const QByteArray& home) : saved_(qgetenv("HOME")) { qputenv("HOME", home); }
    ~HomeFolder() { qputenv("HOME", saved_); }

  private:
    QByteArray saved_;
};

TEST(DisplayPath, WritesTheHomeFolderAsTilde) {
    HomeFolder home("/home/ada");
    EXPECT_EQ(displayPath("/home/ada/projects/embedder-api.loadstar.json"),
              "~/projects/embedder-api.loadstar.json");
    EXPECT_EQ(displayPath("/home/ada/./projects//a.json"), "~/projects/a.json");
    EXPECT_EQ(displayPath("/home/ada"), "~");
    EXPECT_EQ(displayPath("/home/adam/x.json"), "/home/adam/x.json");
    EXPECT_EQ(displayPath("/work/wt/samples/projects/embedder.loadstar.json"),
              "/work/wt/samples/projects/embedder.loadstar.json");
}

TEST(DisplayPath, LeavesPathsAloneWhenHomeIsTheRoot) {
    HomeFolder home("/");
    EXPECT_EQ(displayPath("/srv/api.loadstar.json"), "/srv/api.loadstar.json");
}

}  // namespace
}  // namespace loadstar::widgets
