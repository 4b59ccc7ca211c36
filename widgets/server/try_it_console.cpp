#include "widgets/server/try_it_console.h"

#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QTextCursor>
#include <QTextDocument>
#include <QUrlQuery>
#include <QVBoxLayout>

#include "engine/model/json.h"
#include "engine/schema/request_sample.h"
#include "widgets/common/unit_text.h"
#include "widgets/server/server_log.h"

namespace loadstar::widgets {

namespace {
// Indented JSON in the order the server sent it (QJsonDocument would sort the keys,
// and FastAPI's error order type, loc, msg, input is part of what a user reads);
// anything that is not JSON is shown as it came.
QString prettyJson(const std::string& text) {
    try {
        return QString::fromStdString(Json::parse(text).dump(2, ' ', false, Json::error_handler_t::replace));
    } catch (const Json::exception&) {
        return QString::fromStdString(text);
    }
}
}  // namespace

namespace {

constexpr int kLocationRole = Qt::UserRole + 1;

// ["body","texts",0] -> "body › texts › 0"
QString readableLocation(const QJsonArray& loc) {
    QStringList parts;
    for (const auto& part : loc)
        parts.append(part.isDouble() ? QString::number(part.toInteger()) : part.toString());
    return parts.join(QStringLiteral(" › "));
}

}  // namespace

TryItConsole::TryItConsole(ServerLog* log, QWidget* parent)
    : QWidget(parent), log_(log), network_(new QNetworkAccessManager(this)) {
    setObjectName(QStringLiteral("tryItConsole"));
    endpoints_ = new QComboBox;
    endpoints_->setObjectName(QStringLiteral("tryItEndpoint"));
    target_ = new QLineEdit;
    target_->setObjectName(QStringLiteral("tryItTarget"));
    target_->setPlaceholderText(tr("Start the server, or type a base URL such as http://127.0.0.1:8000"));
    sendButton_ = new QPushButton(tr("&Send"));
    sendButton_->setObjectName(QStringLiteral("tryItSend"));
    auto* top = new QHBoxLayout;
    top->addWidget(endpoints_, 2);
    top->addWidget(target_, 3);
    top->addWidget(sendButton_);

    paramsBox_ = new QWidget;
    paramsForm_ = new QFormLayout(paramsBox_);
    paramsForm_->setContentsMargins(0, 0, 0, 0);
    extraHeaders_ = new QPlainTextEdit;
    extraHeaders_->setObjectName(QStringLiteral("tryItExtraHeaders"));
    extraHeaders_->setPlaceholderText(tr("Other headers, one per line: Name: value"));
    extraHeaders_->setMaximumHeight(48);
    body_ = new QPlainTextEdit;
    body_->setObjectName(QStringLiteral("tryItBody"));
    body_->setPlaceholderText(tr("JSON body"));
    auto* valid = new QPushButton(tr("&Valid sample"));
    valid->setObjectName(QStringLiteral("tryItValid"));
    auto* invalid = new QPushButton(tr("&Invalid variant"));
    invalid->setObjectName(QStringLiteral("tryItInvalid"));
    variantNote_ = new QLabel;
    variantNote_->setObjectName(QStringLiteral("tryItVariantNote"));
    variantNote_->setWordWrap(true);
    auto* sampleRow = new QHBoxLayout;
    sampleRow->addWidget(valid);
    sampleRow->addWidget(invalid);
    sampleRow->addWidget(variantNote_, 1);

    auto* request = new QWidget;
    auto* requestLayout = new QVBoxLayout(request);
    requestLayout->setContentsMargins(0, 0, 0, 0);
    requestLayout->addWidget(new QLabel(tr("<b>Request</b>")));
    requestLayout->addWidget(paramsBox_);
    requestLayout->addWidget(extraHeaders_);
    requestLayout->addLayout(sampleRow);
    requestLayout->addWidget(body_, 1);

    status_ = new QLabel(tr("No response yet."));
    status_->setObjectName(QStringLiteral("tryItStatus"));
    status_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    errors_ = new QListWidget;
    errors_->setObjectName(QStringLiteral("tryItErrors"));
    errors_->setMaximumHeight(64);
    errors_->setVisible(false);
    responseHeaders_ = new QPlainTextEdit;
    responseHeaders_->setObjectName(QStringLiteral("tryItResponseHeaders"));
    responseHeaders_->setReadOnly(true);
    responseHeaders_->setMaximumHeight(70);
    responseBody_ = new QPlainTextEdit;
    responseBody_->setObjectName(QStringLiteral("tryItResponseBody"));
    responseBody_->setReadOnly(true);
    auto* response = new QWidget;
    auto* responseLayout = new QVBoxLayout(response);
    responseLayout->setContentsMargins(0, 0, 0, 0);
    responseLayout->addWidget(status_);
    responseLayout->addWidget(errors_);
    responseLayout->addWidget(responseHeaders_);
    responseLayout->addWidget(responseBody_, 1);

    auto* split = new QSplitter(Qt::Horizontal);
    split->addWidget(request);
    split->addWidget(response);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(split, 1);

    connect(endpoints_, &QComboBox::currentIndexChanged, this, [this] {
        variant_ = 0;
        rebuildParameters();
        fillValidSample();
    });
    connect(target_, &QLineEdit::textEdited, this,
            [this] { targetTypedByUser_ = !target_->text().isEmpty(); });
    connect(sendButton_, &QPushButton::clicked, this, &TryItConsole::send);
    connect(valid, &QPushButton::clicked, this, &TryItConsole::fillValidSample);
    connect(invalid, &QPushButton::clicked, this, &TryItConsole::fillInvalidVariant);
    connect(errors_, &QListWidget::itemActivated, this,
            [this](QListWidgetItem* item) { focusLocation(item->data(kLocationRole).toJsonArray()); });
    connect(errors_, &QListWidget::itemClicked, this,
            [this](QListWidgetItem* item) { focusLocation(item->data(kLocationRole).toJsonArray()); });
}

void TryItConsole::setProject(std::shared_ptr<const model::Project> project) {
    const QString previous = endpoints_->currentData().toString();
    // Every design edit lands here; what the user typed survives unless the
    // endpoint's parameters themselves changed.
    const model::Endpoint* before = endpoint();
    const std::vector<model::Parameter> previousParameters =
        before != nullptr ? before->parameters : std::vector<model::Parameter>{};
    const bool hadEndpoint = before != nullptr;
    project_ = std::move(project);
    {
        const QSignalBlocker quiet(endpoints_);
        endpoints_->clear();
        for (const auto& e : project_->endpoints) {
            endpoints_->addItem(
                QStringLiteral("%1 %2").arg(QString::fromStdString(e.method), QString::fromStdString(e.path)),
                QString::fromStdString(e.id));
        }
        const int keep = endpoints_->findData(previous);
        endpoints_->setCurrentIndex(keep >= 0 ? keep : (endpoints_->count() > 0 ? 0 : -1));
    }
    const model::Endpoint* now = endpoint();
    if (hadEndpoint && endpoints_->currentData().toString() == previous && now != nullptr &&
        now->parameters == previousParameters)
        return;
    rebuildParameters();
    if (body_->toPlainText().isEmpty()) fillValidSample();
}

void TryItConsole::clear() {
    if (pending_) pending_->abort();
    project_.reset();
    lastStatus_ = 0;
    status_->clear();
    errors_->clear();
    errors_->setVisible(false);
    responseHeaders_->clear();
    responseBody_->clear();
    body_->clear();
    variantNote_->clear();
}

void TryItConsole::setServerUrl(const QUrl& url) {
    serverUrl_ = url;
    if (!targetTypedByUser_) target_->setText(url.toString());
}

void TryItConsole::selectEndpoint(int index) {
    endpoints_->setCurrentIndex(index);
}

const model::Endpoint* TryItConsole::endpoint() const {
    if (!project_) return nullptr;
    const int index = endpoints_->currentIndex();
    if (index < 0 || index >= static_cast<int>(project_->endpoints.size())) return nullptr;
    return &project_->endpoints[static_cast<std::size_t>(index)];
}

QLineEdit* TryItConsole::parameterField(const QString& location, const QString& name) const {
    for (const auto& param : params_) {
        if (param.location == location &&
            param.name.compare(
                name, location == QLatin1String("header") ? Qt::CaseInsensitive : Qt::CaseSensitive) == 0)
            return param.edit;
    }
    return nullptr;
}

void TryItConsole::rebuildParameters() {
    while (paramsForm_->rowCount() > 0)
        paramsForm_->removeRow(0);
    params_.clear();
    const model::Endpoint* e = endpoint();
    if (e == nullptr) return;
    for (const auto& p : e->parameters) {
        const QString location = QString::fromLatin1(model::toString(p.in));
        const QString name = QString::fromStdString(p.name);
        auto* edit = new QLineEdit;
        edit->setObjectName(QStringLiteral("tryItParam_%1_%2").arg(location, name));
        edit->setPlaceholderText(p.required ? tr("required") : tr("optional"));
        edit->setToolTip(QString::fromStdString(p.description));
        paramsForm_->addRow(QStringLiteral("%1 (%2)").arg(name, location), edit);
        params_.push_back({location, name, edit});
    }
    body_->setEnabled(e->requestBody.has_value());
}

void TryItConsole::fillFrom(const std::string& target,
                            const std::vector<std::pair<std::string, std::string>>& headers,
                            const std::optional<std::string>& body) {
    const model::Endpoint* e = endpoint();
    if (e == nullptr) return;
    for (auto& param : params_)
        param.edit->clear();
    const QString full = QString::fromStdString(target);
    const qsizetype question = full.indexOf(QLatin1Char('?'));
    const QStringList actual = full.left(question < 0 ? full.size() : question).split(QLatin1Char('/'));
    const QStringList pattern = QString::fromStdString(e->path).split(QLatin1Char('/'));
    for (qsizetype i = 0; i < pattern.size() && i < actual.size(); ++i) {
        if (!pattern[i].startsWith(QLatin1Char('{')) || !pattern[i].endsWith(QLatin1Char('}'))) continue;
        if (auto* edit = parameterField(QStringLiteral("path"), pattern[i].mid(1, pattern[i].size() - 2)))
            edit->setText(QUrl::fromPercentEncoding(actual[i].toUtf8()));
    }
    if (question >= 0) {
        const QUrlQuery query(full.mid(question + 1));
        for (const auto& [name, value] : query.queryItems(QUrl::FullyDecoded)) {
            if (auto* edit = parameterField(QStringLiteral("query"), name)) {
                // Repeated keys (array parameters) are shown comma-separated.
                edit->setText(edit->text().isEmpty() ? value : edit->text() + QLatin1Char(',') + value);
            }
        }
    }
    QStringList extra;
    for (const auto& [name, value] : headers) {
        if (auto* edit = parameterField(QStringLiteral("header"), QString::fromStdString(name)))
            edit->setText(QString::fromStdString(value));
        else
            extra.append(
                QStringLiteral("%1: %2").arg(QString::fromStdString(name), QString::fromStdString(value)));
    }
    extraHeaders_->setPlainText(extra.join(QLatin1Char('\n')));
    if (body) {
        body_->setPlainText(prettyJson(*body));
    } else {
        body_->clear();
    }
}

void TryItConsole::fillValidSample() {
    const model::Endpoint* e = endpoint();
    if (e == nullptr) return;
    schema::SampleOptions options;
    options.allOptionalFields = false;
    schema::SampleGenerator gen(project_, seed_++, options);
    const auto sample = schema::sampleRequest(*project_, *e, gen);
    fillFrom(sample.target, sample.headers, sample.body);
    variantNote_->setText(tr("A valid request."));
}

void TryItConsole::fillInvalidVariant() {
    const model::Endpoint* e = endpoint();
    if (e == nullptr) return;
    const auto variants = schema::invalidRequestVariants(*project_, *e, 1);
    if (variants.empty()) {
        variantNote_->setText(tr("This endpoint accepts anything: there is no invalid variant."));
        return;
    }
    const auto& variant = variants[variant_++ % variants.size()];
    fillFrom(variant.request.target, variant.request.headers, variant.request.body);
    variantNote_->setText(tr("Invalid: %1").arg(QString::fromStdString(variant.description)));
}

void TryItConsole::send() {
    const model::Endpoint* e = endpoint();
    if (e == nullptr) return;
    const QUrl base(target_->text().trimmed());
    if (!base.isValid() || base.scheme().isEmpty() || base.host().isEmpty()) {
        status_->setText(tr("Enter a target such as http://127.0.0.1:8000, or start the server."));
        return;
    }
    QString path;
    const QStringList pattern = QString::fromStdString(e->path).split(QLatin1Char('/'));
    QStringList segments;
    for (const QString& segment : pattern) {
        if (segment.startsWith(QLatin1Char('{')) && segment.endsWith(QLatin1Char('}'))) {
            const auto* edit = parameterField(QStringLiteral("path"), segment.mid(1, segment.size() - 2));
            segments.append(QString::fromStdString(
                schema::percentEncode(edit != nullptr ? edit->text().toStdString() : std::string{})));
        } else {
            segments.append(segment);
        }
    }
    path = segments.join(QLatin1Char('/'));
    QString query;
    for (const auto& param : params_) {
        if (param.location != QLatin1String("query") || param.edit->text().isEmpty()) continue;
        const model::Parameter* p = e->parameter(param.name.toStdString(), model::ParamLocation::Query);
        const bool array = p != nullptr && p->type.kind == model::TypeKind::Array;
        const QStringList values =
            array ? param.edit->text().split(QLatin1Char(',')) : QStringList{param.edit->text()};
        for (const QString& value : values) {
            query += (query.isEmpty() ? QString() : QStringLiteral("&")) +
                     QString::fromStdString(schema::percentEncode(param.name.toStdString())) +
                     QLatin1Char('=') + QString::fromStdString(schema::percentEncode(value.toStdString()));
        }
    }
    QString baseText = base.toString();
    while (baseText.endsWith(QLatin1Char('/')))
        baseText.chop(1);
    const QUrl url(baseText + path + (query.isEmpty() ? QString() : QLatin1Char('?') + query),
                   QUrl::StrictMode);

    QNetworkRequest request(url);
    for (const auto& param : params_) {
        if (param.location == QLatin1String("header") && !param.edit->text().isEmpty())
            request.setRawHeader(param.name.toUtf8(), param.edit->text().toUtf8());
    }
    for (const QString& line : extraHeaders_->toPlainText().split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
        const qsizetype colon = line.indexOf(QLatin1Char(':'));
        if (colon > 0)
            request.setRawHeader(line.left(colon).trimmed().toUtf8(), line.mid(colon + 1).trimmed().toUtf8());
    }
    const QByteArray method = QByteArray::fromStdString(e->method);
    QByteArray payload;
    if (e->requestBody && !body_->toPlainText().trimmed().isEmpty()) {
        payload = body_->toPlainText().toUtf8();
        request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
    }
    if (pending_) pending_->abort();
    status_->setText(tr("Sending…"));
    errors_->clear();
    errors_->setVisible(false);
    if (log_ != nullptr)
        log_->append(
            ServerLog::Source::Loadstar,
            QStringLiteral("%1 %2").arg(QString::fromLatin1(method), url.toString(QUrl::FullyEncoded)));
    clock_.start();
    QNetworkReply* reply = payload.isEmpty() && method == "GET"
                               ? network_->get(request)
                               : network_->sendCustomRequest(request, method, payload);
    pending_ = reply;
    connect(reply, &QNetworkReply::finished, this, [this, reply] { onFinished(reply); });
}

void TryItConsole::onFinished(QNetworkReply* reply) {
    reply->deleteLater();
    const QString elapsed = latencyText(static_cast<double>(clock_.nsecsElapsed()) / 1000.0);
    if (reply->error() == QNetworkReply::OperationCanceledError) return;
    const QVariant statusCode = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    const QByteArray answer = reply->readAll();
    if (!statusCode.isValid()) {
        lastStatus_ = 0;
        status_->setText(tr("No answer: %1 (%2)").arg(reply->errorString(), elapsed));
        responseHeaders_->clear();
        responseBody_->clear();
        if (log_ != nullptr)
            log_->append(ServerLog::Source::Loadstar, tr("→ no answer: %1").arg(reply->errorString()));
        emit responseReceived(0);
        return;
    }
    lastStatus_ = statusCode.toInt();
    const QString reason = reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toString();
    status_->setText(
        tr("<b>%1 %2</b> · %3 · %4")
            .arg(lastStatus_)
            .arg(reason.toHtmlEscaped(), elapsed, bytesText(static_cast<double>(answer.size()))));
    QStringList headerLines;
    for (const auto& [name, value] : reply->rawHeaderPairs())
        headerLines.append(QString::fromUtf8(name + ": " + value));
    responseHeaders_->setPlainText(headerLines.join(QLatin1Char('\n')));
    const QJsonDocument doc = QJsonDocument::fromJson(answer);
    responseBody_->setPlainText(prettyJson(answer.toStdString()));
    if (lastStatus_ == 422 && doc.isObject()) {
        for (const auto& entry : doc.object().value(QStringLiteral("detail")).toArray()) {
            const QJsonObject error = entry.toObject();
            const QJsonArray loc = error.value(QStringLiteral("loc")).toArray();
            auto* item = new QListWidgetItem(QStringLiteral("%1: %2").arg(
                readableLocation(loc), error.value(QStringLiteral("msg")).toString()));
            item->setData(kLocationRole, loc);
            item->setToolTip(tr("Click to go to the input"));
            errors_->addItem(item);
        }
        errors_->setVisible(errors_->count() > 0);
    }
    if (log_ != nullptr)
        log_->append(ServerLog::Source::Loadstar,
                     QStringLiteral("→ %1 %2 in %3").arg(lastStatus_).arg(reason, elapsed));
    emit responseReceived(lastStatus_);
}

void TryItConsole::focusLocation(const QJsonArray& loc) {
    const QString where = loc.isEmpty() ? QString() : loc.at(0).toString();
    if (where == QLatin1String("body")) {
        body_->setFocus(Qt::OtherFocusReason);
        // Select the deepest key the location names, when the body mentions it.
        for (qsizetype i = loc.size() - 1; i >= 1; --i) {
            if (!loc.at(i).isString()) continue;
            const QString key = QLatin1Char('"') + loc.at(i).toString() + QLatin1Char('"');
            QTextCursor found = body_->document()->find(key);
            if (!found.isNull()) body_->setTextCursor(found);
            break;
        }
        return;
    }
    if (loc.size() >= 2) {
        if (auto* edit = parameterField(where, loc.at(1).toString())) {
            edit->setFocus(Qt::OtherFocusReason);
            edit->selectAll();
        }
    }
}

}  // namespace loadstar::widgets
