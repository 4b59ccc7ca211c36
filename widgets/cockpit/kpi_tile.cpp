#include "widgets/cockpit/kpi_tile.h"

#include <QLabel>
#include <QVBoxLayout>

namespace loadstar::widgets {

KpiTile::KpiTile(const QString& caption, QWidget* parent)
    : QFrame(parent),
      caption_(new QLabel(caption)),
      value_(new QLabel(QStringLiteral("—"))),
      detail_(new QLabel) {
    setFrameShape(QFrame::StyledPanel);
    setBackgroundRole(QPalette::Base);
    setAutoFillBackground(true);
    caption_->setForegroundRole(QPalette::PlaceholderText);
    QFont big = value_->font();
    big.setPointSizeF(big.pointSizeF() * 1.9);
    big.setBold(true);
    value_->setFont(big);
    value_->setObjectName("kpiValue");
    detail_->setForegroundRole(QPalette::PlaceholderText);
    // A long detail ("46,864 requests in all") takes a second line in a narrow tile
    // rather than widening it past the window.
    detail_->setWordWrap(true);
    auto* column = new QVBoxLayout(this);
    column->setContentsMargins(10, 6, 10, 6);
    column->setSpacing(0);
    column->addWidget(caption_);
    column->addWidget(value_);
    column->addWidget(detail_);
    // No fixed minimum: the caption's width is the tile's, so that a layout short
    // of room never cuts it.
}

void KpiTile::setCaption(const QString& caption) {
    caption_->setText(caption);
}

void KpiTile::setValue(const QString& value, const QString& detail) {
    value_->setText(value);
    detail_->setText(detail);
}

void KpiTile::setTone(const QColor& colour) {
    QPalette p = value_->palette();
    p.setColor(QPalette::WindowText, colour.isValid() ? colour : palette().color(QPalette::WindowText));
    value_->setPalette(p);
}

QString KpiTile::value() const {
    return value_->text();
}

QString KpiTile::detail() const {
    return detail_->text();
}

}  // namespace loadstar::widgets
