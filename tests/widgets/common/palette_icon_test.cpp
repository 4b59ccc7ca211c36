#include "widgets/common/palette_icon.h"

#include <QAction>
#include <QApplication>
#include <QImage>
#include <QPainter>

#include <gtest/gtest.h>

#include "support/temp_dir.h"
#include "support/widget_driver.h"
#include "widgets/window/main_window.h"

namespace loadstar::widgets {
namespace {

using Glyph = PaletteIcon::Glyph;

QPalette darkPalette() {
    QPalette dark;
    dark.setColor(QPalette::Window, QColor(45, 45, 48));
    dark.setColor(QPalette::Button, QColor(55, 55, 60));
    dark.setColor(QPalette::ButtonText, QColor(230, 230, 230));
    dark.setColor(QPalette::WindowText, QColor(230, 230, 230));
    dark.setColor(QPalette::Highlight, QColor(42, 130, 218));
    return dark;
}

QPalette lightPalette() {
    QPalette light;
    light.setColor(QPalette::Window, QColor(239, 239, 239));
    light.setColor(QPalette::Button, QColor(239, 239, 239));
    light.setColor(QPalette::ButtonText, Qt::black);
    light.setColor(QPalette::WindowText, Qt::black);
    light.setColor(QPalette::Highlight, QColor(48, 140, 198));
    return light;
}

// How many pixels of the icon, drawn over the window colour, differ clearly from it.
int visiblePixels(const QIcon& icon, const QColor& background) {
    QImage image(48, 48, QImage::Format_ARGB32);
    image.fill(background);
    {
        QPainter painter(&image);
        icon.paint(&painter, image.rect());
    }
    int visible = 0;
    for (int y = 0; y < image.height(); ++y) {
        for (int x = 0; x < image.width(); ++x) {
            const QColor c = image.pixelColor(x, y);
            const int distance = std::abs(c.red() - background.red()) +
                                 std::abs(c.green() - background.green()) +
                                 std::abs(c.blue() - background.blue());
            if (distance > 150) ++visible;
        }
    }
    return visible;
}

TEST(PaletteIcon, EveryGlyphStandsOutOnLightAndDarkWindows) {
    for (const QPalette& palette : {lightPalette(), darkPalette()}) {
        const QColor window = palette.color(QPalette::Window);
        for (Glyph glyph : {Glyph::New, Glyph::Open, Glyph::Save, Glyph::Undo, Glyph::Redo, Glyph::AddModel,
                            Glyph::AddEndpoint, Glyph::Export, Glyph::Start, Glyph::Stop}) {
            const QIcon icon = PaletteIcon::make(glyph, palette);
            // At least a line's worth of a 48-pixel icon.
            EXPECT_GT(visiblePixels(icon, window), 60)
                << static_cast<int>(glyph) << " on " << window.name().toStdString();
            EXPECT_FALSE(icon.pixmap(QSize(16, 16)).isNull());
        }
    }
}

TEST(PaletteIcon, TheWindowRedrawsItsIconsWhenThePaletteChanges) {
    loadstar::testing::TempDir dir;
    MainWindow window(loadstar::testing::isolatedOptions(dir.path()));
    QAction* save = nullptr;
    for (QAction* action : window.findChildren<QAction*>()) {
        if (action->text() == "&Save") save = action;
    }
    ASSERT_NE(save, nullptr);
    const QColor darkWindow = darkPalette().color(QPalette::Window);
    // Black ink on a dark window: the stock icons' problem.
    window.setPalette(lightPalette());
    EXPECT_LT(visiblePixels(save->icon(), darkWindow), 10);
    window.setPalette(darkPalette());
    EXPECT_GT(visiblePixels(save->icon(), darkWindow), 60);
    EXPECT_GT(visiblePixels(window.serverAction()->icon(), darkWindow), 60);
}

}  // namespace
}  // namespace loadstar::widgets
