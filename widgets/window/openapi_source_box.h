#pragma once

#include <chrono>
#include <functional>
#include <string>

#include <QWidget>

#include "engine/openapi/document_source.h"
#include "widgets/common/background_job.h"

class QKeyEvent;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;

namespace loadstar::widgets {

// The host of `source` when it is an http(s):// URL naming another machine (not a
// loopback address, not "localhost"), else empty: the host a person confirms by
// name before Loadstar reaches out to it.
QString remoteHostOf(const QString& source);

// Where an OpenAPI document comes from, as the import and compare dialogs ask for
// it: a file (typed or browsed) or a URL. Reading happens off the GUI thread with
// a Cancel button, and a URL on another machine is read only once the person has
// confirmed its host.
class OpenApiSourceBox : public QWidget {
    Q_OBJECT

  public:
    // Asked before reading a URL on another machine: true to go ahead.
    using RemoteConsent = std::function<bool(const QString& host, const QString& url)>;
    // The work on a background thread: the source as typed, and how to read a URL.
    template <typename Result>
    using Work = std::function<Result(const std::string& source, const openapi::FetchUrl& fetch)>;

    // `loadLabel` names what reading leads to ("Preview", "Compare").
    OpenApiSourceBox(const QString& loadLabel, const QString& fileFilter, QWidget* parent = nullptr);

    QString source() const;
    void setSource(const QString& source);
    QLineEdit* sourceEdit() const { return edit_; }
    QPushButton* loadButton() const { return load_; }
    QPushButton* cancelButton() const { return cancel_; }
    QLabel* statusLabel() const { return status_; }
    void setRemoteConsent(RemoteConsent consent) { consent_ = std::move(consent); }
    void setTimeout(std::chrono::milliseconds timeout) { timeout_ = timeout; }
    bool isBusy() const { return busy_; }

    // Runs `work` for the current source off the GUI thread and hands its result to
    // `done` on it, unless cancelled or superseded first. Returns false, starting
    // nothing, when the source is empty or the person declined a remote host.
    template <typename Result>
    bool start(Work<Result> work, std::function<void(Result)> done) {
        if (!begin()) return false;
        const std::string source = this->source().toStdString();
        const openapi::FetchUrl fetch = fetcher();
        job_.start<Result>(
            this, [work = std::move(work), source, fetch] { return work(source, fetch); },
            [this, done = std::move(done)](Result result) {
                finish();
                done(std::move(result));
            });
        return true;
    }

    // Drops what is being read (a fetch still under way ends at its timeout, unseen).
    void cancel();
    // Below the source: why it could not be read, or nothing.
    void showError(const QString& text);
    void clearStatus();

  signals:
    // Return in the field, or the load button.
    void submitted();
    void cancelled();

  protected:
    // Return in the field reads the source; it must not reach the dialog's default button too.
    void keyPressEvent(QKeyEvent* event) override;

  private:
    bool begin();
    void finish();
    void browse();
    openapi::FetchUrl fetcher() const;

    QLineEdit* edit_;
    QPushButton* browse_;
    QPushButton* load_;
    QProgressBar* progress_;
    QLabel* statusIcon_;
    QLabel* status_;
    QPushButton* cancel_;
    QString fileFilter_;
    RemoteConsent consent_;
    std::chrono::milliseconds timeout_{10000};
    bool busy_ = false;
    BackgroundJob job_;
};

}  // namespace loadstar::widgets
