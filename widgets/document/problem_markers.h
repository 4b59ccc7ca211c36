#pragma once

#include <functional>
#include <vector>

#include <QLabel>
#include <QPointer>
#include <QString>

#include "engine/model/design_check.h"
#include "widgets/document/json_pointer.h"

class QAction;
class QLineEdit;

namespace loadstar::widgets {

// Shows design problems where they are: a list above the editor and a mark on
// the offending widget (a warning icon inside a line edit, the message as tooltip).
class ProblemMarkers {
  public:
    // Finds the widget for a pointer tail relative to the edited item ("/path",
    // "/fields/0/name"); may return null.
    using Locate = std::function<QWidget*(const JsonPointer& pointer, std::size_t from)>;

    explicit ProblemMarkers(QLabel* banner);

    // Marks the problems whose location starts with `prefix` (e.g. "/models/2").
    void show(const std::vector<model::Problem>& problems, const std::string& prefix, const Locate& locate);
    void clear();

  private:
    struct Mark {
        QPointer<QWidget> widget;
        QString originalToolTip;
        QPointer<QAction> action;
    };
    QLabel* banner_;
    std::vector<Mark> marks_;
};

}  // namespace loadstar::widgets
