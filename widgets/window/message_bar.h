#pragma once

#include <functional>

#include <QFrame>

class QHBoxLayout;
class QLabel;
class QPushButton;

namespace loadstar::widgets {

// An inline message above the editors (instead of a modal dialog): an icon, the
// text, optional action buttons and a close button.
class MessageBar : public QFrame {
    Q_OBJECT

  public:
    enum class Kind { Information, Warning, Error };

    explicit MessageBar(QWidget* parent = nullptr);

    void showMessage(Kind kind, const QString& text);
    // Adds a button to the current message; clicking it runs `action` and closes the bar.
    QPushButton* addAction(const QString& label, std::function<void()> action);
    QString text() const;
    Kind kind() const { return kind_; }

  private:
    void clearActions();

    Kind kind_ = Kind::Information;
    QLabel* icon_;
    QLabel* text_;
    QHBoxLayout* actions_;
};

}  // namespace loadstar::widgets
