#include "widgets/document/problem_markers.h"

#include <algorithm>

#include <QAction>
#include <QApplication>
#include <QLineEdit>
#include <QStyle>

namespace loadstar::widgets {

ProblemMarkers::ProblemMarkers(QLabel* banner) : banner_(banner) {
    banner_->setWordWrap(true);
    banner_->setTextFormat(Qt::PlainText);
    banner_->setFrameShape(QFrame::StyledPanel);
    banner_->setMargin(6);
    banner_->setVisible(false);
}

void ProblemMarkers::clear() {
    // In reverse, so a widget marked twice gets its own tooltip back.
    for (auto it = marks_.rbegin(); it != marks_.rend(); ++it) {
        Mark& mark = *it;
        if (mark.action) delete mark.action.data();
        if (mark.widget) mark.widget->setToolTip(mark.originalToolTip);
    }
    marks_.clear();
    banner_->clear();
    banner_->setVisible(false);
}

void ProblemMarkers::show(const std::vector<model::Problem>& problems, const std::string& prefix,
                          const Locate& locate) {
    clear();
    QStringList lines;
    const std::size_t depth = JsonPointer::parse(prefix).size();
    for (const model::Problem& problem : problems) {
        if (problem.location != prefix && !problem.location.starts_with(prefix + "/")) continue;
        const QString message = QString::fromStdString(problem.message);
        const bool error = problem.severity == model::Severity::Error;
        lines << QStringLiteral("%1 %2").arg(error ? QStringLiteral("✖") : QStringLiteral("⚠"), message);
        QWidget* widget = locate(JsonPointer::parse(problem.location), depth);
        if (widget == nullptr) continue;
        // One mark per widget; a second problem there joins the tooltip.
        const auto same =
            std::find_if(marks_.begin(), marks_.end(), [&](const Mark& m) { return m.widget == widget; });
        if (same != marks_.end()) {
            widget->setToolTip(widget->toolTip() + QLatin1Char('\n') + message);
            if (same->action) same->action->setToolTip(widget->toolTip());
            continue;
        }
        Mark mark{widget, widget->toolTip(), nullptr};
        widget->setToolTip(message);
        if (auto* edit = qobject_cast<QLineEdit*>(widget)) {
            const QIcon icon = QApplication::style()->standardIcon(error ? QStyle::SP_MessageBoxCritical
                                                                         : QStyle::SP_MessageBoxWarning);
            QAction* action = edit->addAction(icon, QLineEdit::TrailingPosition);
            action->setToolTip(message);
            mark.action = action;
        }
        marks_.push_back(mark);
    }
    lines.removeDuplicates();
    banner_->setText(lines.join(QLatin1Char('\n')));
    banner_->setVisible(!lines.isEmpty());
}

}  // namespace loadstar::widgets
