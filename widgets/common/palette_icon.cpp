#include "widgets/common/palette_icon.h"

#include <QFile>
#include <QIconEngine>
#include <QPainter>
#include <QPixmap>
#include <QSvgRenderer>

#include "widgets/common/resource_icon.h"

namespace loadstar::widgets {

namespace {

using Glyph = PaletteIcon::Glyph;

// The colours the SVGs are drawn in (resources/icons/actions/*.svg), replaced by the
// palette's: ink by its button text, accent by its highlight. Stop's red stays red:
// mid-saturation, it reads on light and dark backgrounds alike.
constexpr char kInk[] = "#1f2329";
constexpr char kAccent[] = "#2f7bd9";
constexpr char kStopRed[] = "#d94848";

QString fileOf(Glyph glyph) {
    switch (glyph) {
        case Glyph::New:
            return QStringLiteral("new");
        case Glyph::Open:
            return QStringLiteral("open");
        case Glyph::Save:
            return QStringLiteral("save");
        case Glyph::Undo:
            return QStringLiteral("undo");
        case Glyph::Redo:
            return QStringLiteral("redo");
        case Glyph::AddModel:
            return QStringLiteral("add-model");
        case Glyph::AddEndpoint:
            return QStringLiteral("add-endpoint");
        case Glyph::Export:
            return QStringLiteral("export");
        case Glyph::Start:
            return QStringLiteral("start");
        case Glyph::Stop:
            return QStringLiteral("stop");
    }
    return {};
}

QByteArray svgOf(Glyph glyph) {
    ensureResources();
    QFile file(QStringLiteral(":/loadstar/icons/actions/%1.svg").arg(fileOf(glyph)));
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// Renders one glyph's SVG in the palette's colours for each mode, at any size and scale.
class SvgGlyphEngine : public QIconEngine {
  public:
    SvgGlyphEngine(Glyph glyph, const QPalette& palette)
        : glyph_(glyph), palette_(palette), svg_(svgOf(glyph)) {}

    QIconEngine* clone() const override { return new SvgGlyphEngine(glyph_, palette_); }

    void paint(QPainter* painter, const QRect& rect, QIcon::Mode mode, QIcon::State) override {
        QSvgRenderer renderer(recoloured(mode));
        if (!renderer.isValid()) return;
        painter->save();
        painter->setRenderHint(QPainter::Antialiasing);
        if (mode == QIcon::Disabled) painter->setOpacity(0.45);
        const qreal side = std::min(rect.width(), rect.height());
        renderer.render(painter, QRectF(rect.x() + (rect.width() - side) / 2.0,
                                        rect.y() + (rect.height() - side) / 2.0, side, side));
        painter->restore();
    }

    QPixmap pixmap(const QSize& size, QIcon::Mode mode, QIcon::State state) override {
        QPixmap pixmap(size);
        pixmap.fill(Qt::transparent);
        QPainter painter(&pixmap);
        paint(&painter, QRect(QPoint(0, 0), size), mode, state);
        return pixmap;
    }

  private:
    QByteArray recoloured(QIcon::Mode mode) const {
        const QPalette::ColorGroup group = mode == QIcon::Disabled ? QPalette::Disabled : QPalette::Active;
        QColor ink = palette_.color(group, QPalette::ButtonText);
        QColor accent = palette_.color(group, QPalette::Highlight);
        QColor red(kStopRed);
        if (mode == QIcon::Disabled) {
            accent = ink;
            red = ink;
        } else if (mode == QIcon::Selected) {
            ink = palette_.color(group, QPalette::HighlightedText);
            accent = ink;
        }
        QByteArray svg = svg_;
        svg.replace(kInk, ink.name().toLatin1());
        svg.replace(kAccent, accent.name().toLatin1());
        svg.replace(kStopRed, red.name().toLatin1());
        return svg;
    }

    Glyph glyph_;
    QPalette palette_;
    QByteArray svg_;
};

}  // namespace

QIcon PaletteIcon::make(Glyph glyph, const QPalette& palette) {
    return QIcon(new SvgGlyphEngine(glyph, palette));
}

}  // namespace loadstar::widgets
