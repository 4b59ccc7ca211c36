#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <QElapsedTimer>
#include <QPointer>
#include <QUrl>
#include <QWidget>

#include "engine/model/project.h"

class QComboBox;
class QFormLayout;
class QJsonArray;
class QLabel;
class QLineEdit;
class QListWidget;
class QListWidgetItem;
class QNetworkAccessManager;
class QNetworkReply;
class QPlainTextEdit;
class QPushButton;

namespace loadstar::widgets {

class ServerLog;

// Sends one request to an endpoint of the design and shows the answer: pick the
// endpoint, fill its path, query and header parameters and the body (a valid
// sample or an invalid variant with one click), send it to the running server or
// any URL. Sending is asynchronous; a 422's errors are listed readably and each
// focuses the input it names.
class TryItConsole : public QWidget {
    Q_OBJECT

  public:
    explicit TryItConsole(ServerLog* log, QWidget* parent = nullptr);

    void setProject(std::shared_ptr<const model::Project> project);
    // Forgets the design, the body and the last response (another design is being opened).
    void clear();
    // The running server's base URL (empty when none); replaces the target unless
    // the user typed one of their own.
    void setServerUrl(const QUrl& url);
    void selectEndpoint(int index);
    void fillValidSample();
    // Cycles through the endpoint's invalid variants, one per click.
    void fillInvalidVariant();
    void send();

    // The input of parameter `name` in `location` ("path", "query", "header"), or null.
    QLineEdit* parameterField(const QString& location, const QString& name) const;
    QPlainTextEdit* bodyEditor() const { return body_; }
    QLineEdit* targetField() const { return target_; }
    QListWidget* errorList() const { return errors_; }
    QPlainTextEdit* responseBody() const { return responseBody_; }
    int lastStatus() const { return lastStatus_; }  // 0: none yet or no HTTP answer
    // Focuses the input a 422 error location names (["body", ...] focuses the body).
    void focusLocation(const QJsonArray& loc);

  signals:
    void responseReceived(int status);

  private:
    struct ParamInput {
        QString location;
        QString name;
        QLineEdit* edit;
    };

    void rebuildParameters();
    void fillFrom(const std::string& target, const std::vector<std::pair<std::string, std::string>>& headers,
                  const std::optional<std::string>& body);
    void onFinished(QNetworkReply* reply);
    const model::Endpoint* endpoint() const;

    ServerLog* log_;
    std::shared_ptr<const model::Project> project_;
    QUrl serverUrl_;
    bool targetTypedByUser_ = false;
    std::uint64_t seed_ = 1;
    std::size_t variant_ = 0;
    QNetworkAccessManager* network_;
    QPointer<QNetworkReply> pending_;
    QElapsedTimer clock_;
    int lastStatus_ = 0;

    QComboBox* endpoints_;
    QLineEdit* target_;
    QFormLayout* paramsForm_;
    QWidget* paramsBox_;
    std::vector<ParamInput> params_;
    QPlainTextEdit* extraHeaders_;
    QPlainTextEdit* body_;
    QLabel* variantNote_;
    QPushButton* sendButton_;
    QLabel* status_;
    QListWidget* errors_;
    QPlainTextEdit* responseHeaders_;
    QPlainTextEdit* responseBody_;
};

}  // namespace loadstar::widgets
