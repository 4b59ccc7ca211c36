#pragma once

#include <QObject>

class QDockWidget;
class QSettings;

namespace loadstar::widgets {

// The Problems dock takes room only while there is something in it: it opens
// when the design's problems go from none to some and collapses when they are
// all solved. Opening it by hand (View › Problems) while there are none keeps it
// open, until it is closed again; that choice is kept in the settings, so the
// next start lays the window out the same way.
class ProblemsDockPolicy : public QObject {
    Q_OBJECT

  public:
    static constexpr const char* kKeptOpenKey = "window/problemsKeptOpen";

    ProblemsDockPolicy(QDockWidget* dock, QSettings* settings, QObject* parent = nullptr);

    void setProblemCount(int count);
    bool keptOpen() const { return keptOpen_; }

  protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

  private:
    void setKeptOpen(bool kept);

    QDockWidget* dock_;
    QSettings* settings_;
    bool keptOpen_ = false;
    int count_ = -1;  // -1: not told yet
};

}  // namespace loadstar::widgets
