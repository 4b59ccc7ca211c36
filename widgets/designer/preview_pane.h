#pragma once

#include <functional>

#include <QString>
#include <QTimer>
#include <QWidget>

#include "widgets/common/background_job.h"

class QLabel;
class QPlainTextEdit;

namespace loadstar::widgets {

// A read-only, monospaced view of generated text (a sample body, a JSON Schema,
// an OpenAPI fragment). The text is computed off the GUI thread, a short moment
// after the last change, so typing never waits for it.
class PreviewPane : public QWidget {
    Q_OBJECT

  public:
    // The result of a preview: the text, or why there is none.
    struct Result {
        QString text;
        QString error;
    };

    explicit PreviewPane(QWidget* parent = nullptr);

    void setSource(std::function<Result()> work);
    // Shows `message` instead of a preview (the feature is missing or nothing is selected).
    void setUnavailable(const QString& message);
    QString text() const;
    bool isPending() const { return pending_; }

  signals:
    void updated();

  private:
    void run();

    QLabel* message_;
    QPlainTextEdit* text_;
    QTimer debounce_;
    std::function<Result()> work_;
    BackgroundJob job_;
    bool pending_ = false;
};

}  // namespace loadstar::widgets
