#include "widgets/common/palette_icon.h"

#include <QIconEngine>
#include <QPainter>
#include <QPainterPath>
#include <QPixmap>

namespace loadstar::widgets {

namespace {

using Glyph = PaletteIcon::Glyph;

// Stop's red: mid-saturation, so it reads on light and dark backgrounds alike.
const QColor kStopRed(0xd9, 0x48, 0x48);

// Paints one glyph on a 24×24 grid, scaled to the requested rectangle.
class GlyphEngine : public QIconEngine {
  public:
    GlyphEngine(Glyph glyph, const QPalette& palette) : glyph_(glyph), palette_(palette) {}

    QIconEngine* clone() const override { return new GlyphEngine(glyph_, palette_); }

    void paint(QPainter* painter, const QRect& rect, QIcon::Mode mode, QIcon::State) override {
        const QPalette::ColorGroup group = mode == QIcon::Disabled ? QPalette::Disabled : QPalette::Active;
        QColor ink = palette_.color(group, QPalette::ButtonText);
        QColor accent = palette_.color(group, QPalette::Highlight);
        if (mode == QIcon::Disabled) {
            ink.setAlphaF(0.45f);
            accent = ink;
        } else if (mode == QIcon::Selected) {
            ink = palette_.color(group, QPalette::HighlightedText);
            accent = ink;
        }
        painter->save();
        painter->setRenderHint(QPainter::Antialiasing);
        const qreal side = std::min(rect.width(), rect.height());
        painter->translate(rect.x() + (rect.width() - side) / 2.0, rect.y() + (rect.height() - side) / 2.0);
        painter->scale(side / 24.0, side / 24.0);
        draw(painter, ink, accent, mode == QIcon::Disabled);
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
    void draw(QPainter* p, const QColor& ink, const QColor& accent, bool disabled) const {
        QPen pen(ink, 1.7, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin);
        p->setPen(pen);
        p->setBrush(Qt::NoBrush);
        const auto plus = [&](qreal x, qreal y) {
            QPen accentPen(accent, 2.0, Qt::SolidLine, Qt::RoundCap);
            p->setPen(accentPen);
            p->drawLine(QPointF(x, y - 4), QPointF(x, y + 4));
            p->drawLine(QPointF(x - 4, y), QPointF(x + 4, y));
            p->setPen(pen);
        };
        switch (glyph_) {
            case Glyph::New: {
                QPainterPath page;
                page.moveTo(5, 3);
                page.lineTo(13, 3);
                page.lineTo(18, 8);
                page.lineTo(18, 21);
                page.lineTo(5, 21);
                page.closeSubpath();
                p->drawPath(page);
                p->drawPolyline(QPolygonF({QPointF(13, 3), QPointF(13, 8), QPointF(18, 8)}));
                plus(18, 17);
                break;
            }
            case Glyph::Open: {
                QPainterPath folder;
                folder.moveTo(3, 19);
                folder.lineTo(3, 5);
                folder.lineTo(9, 5);
                folder.lineTo(11, 7);
                folder.lineTo(18, 7);
                folder.lineTo(18, 10);
                p->drawPath(folder);
                QPainterPath flap;
                flap.moveTo(3, 19);
                flap.lineTo(6.5, 10);
                flap.lineTo(21.5, 10);
                flap.lineTo(18, 19);
                flap.closeSubpath();
                p->drawPath(flap);
                break;
            }
            case Glyph::Save:
                p->drawRoundedRect(QRectF(4, 4, 16, 16), 2, 2);
                p->drawRect(QRectF(8, 4, 8, 5));
                p->drawRect(QRectF(7.5, 13, 9, 7));
                break;
            case Glyph::Undo:
            case Glyph::Redo: {
                p->save();
                if (glyph_ == Glyph::Redo) {
                    p->translate(24, 0);
                    p->scale(-1, 1);
                }
                QPainterPath arc;
                arc.moveTo(5, 10);
                arc.lineTo(14, 10);
                arc.cubicTo(22, 10, 22, 20, 14, 20);
                arc.lineTo(9, 20);
                p->drawPath(arc);
                p->drawPolyline(QPolygonF({QPointF(9, 6), QPointF(5, 10), QPointF(9, 14)}));
                p->restore();
                break;
            }
            case Glyph::AddModel:
                // A record: a box with rows of fields.
                p->drawRoundedRect(QRectF(3, 4, 13, 15), 1.5, 1.5);
                p->drawLine(QPointF(3, 8.5), QPointF(16, 8.5));
                p->drawLine(QPointF(6, 12), QPointF(13, 12));
                p->drawLine(QPointF(6, 15.5), QPointF(11, 15.5));
                plus(18, 17);
                break;
            case Glyph::AddEndpoint:
                // A route: a path from a point to an arrowhead.
                p->drawEllipse(QPointF(5, 8), 2, 2);
                p->drawPolyline(QPolygonF({QPointF(7, 8), QPointF(15, 8)}));
                p->drawPolyline(QPolygonF({QPointF(12, 5), QPointF(15, 8), QPointF(12, 11)}));
                plus(17, 17);
                break;
            case Glyph::Export:
                p->drawPolyline(
                    QPolygonF({QPointF(4, 13), QPointF(4, 20), QPointF(20, 20), QPointF(20, 13)}));
                p->drawLine(QPointF(12, 15), QPointF(12, 3.5));
                p->drawPolyline(QPolygonF({QPointF(7.5, 8), QPointF(12, 3.5), QPointF(16.5, 8)}));
                break;
            case Glyph::Start: {
                QPainterPath play;
                play.moveTo(7, 4.5);
                play.lineTo(19.5, 12);
                play.lineTo(7, 19.5);
                play.closeSubpath();
                p->setBrush(accent);
                p->setPen(QPen(accent, 1.5, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
                p->drawPath(play);
                break;
            }
            case Glyph::Stop: {
                const QColor red = disabled ? accent : kStopRed;
                p->setBrush(red);
                p->setPen(QPen(red, 1.5, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
                p->drawRoundedRect(QRectF(5.5, 5.5, 13, 13), 2, 2);
                break;
            }
        }
    }

    Glyph glyph_;
    QPalette palette_;
};

}  // namespace

QIcon PaletteIcon::make(Glyph glyph, const QPalette& palette) {
    return QIcon(new GlyphEngine(glyph, palette));
}

}  // namespace loadstar::widgets
