#pragma once

#include <QFrame>

class QLabel;

namespace loadstar::widgets {

// One key figure of a run in large type, with a caption and a smaller detail line.
class KpiTile : public QFrame {
    Q_OBJECT

  public:
    explicit KpiTile(const QString& caption, QWidget* parent = nullptr);

    void setCaption(const QString& caption);
    void setValue(const QString& value, const QString& detail = {});
    // Colours the value (pass/fail); an invalid colour goes back to the palette's.
    void setTone(const QColor& colour);
    QString value() const;
    QString detail() const;

  private:
    QLabel* caption_;
    QLabel* value_;
    QLabel* detail_;
};

}  // namespace loadstar::widgets
