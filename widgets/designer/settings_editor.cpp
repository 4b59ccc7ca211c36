#include "widgets/designer/settings_editor.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QScrollArea>
#include <QSpinBox>
#include <QVBoxLayout>

#include "widgets/common/form_fields.h"
#include "widgets/common/quiet_update.h"
#include "widgets/document/project_document.h"

namespace loadstar::widgets {

namespace {

QString q(const std::string& s) {
    return QString::fromStdString(s);
}

}  // namespace

SettingsEditor::SettingsEditor(ProjectDocument* document, QWidget* parent)
    : QWidget(parent),
      document_(document),
      banner_(new QLabel),
      markers_(banner_),
      name_(new QLineEdit),
      version_(new QLineEdit),
      description_(form::textBox("projectDescription", 4)),
      host_(new QLineEdit),
      port_(form::spinBox(0, 65535, "port")),
      concurrency_(new QComboBox),
      threads_(form::spinBox(1, 1024, "threads")),
      workers_(form::spinBox(1, 4096, "workers")),
      queue_(form::spinBox(0, 1000000, "queue")),
      maxBody_(form::spinBox(0, 1 << 30, "maxBody", tr(" bytes"))),
      maxHeader_(form::spinBox(0, 1 << 24, "maxHeader", tr(" bytes"))),
      headerTimeout_(form::durationEdit("headerTimeout", tr("e.g. 10s"))),
      idleTimeout_(form::durationEdit("idleTimeout", tr("e.g. 10s"))),
      maxConnections_(form::spinBox(1, 1000000, "maxConnections")),
      maxDepth_(form::spinBox(1, 10000, "maxJsonDepth")),
      cors_(new QCheckBox(tr("Answer cross-origin requests (CORS)"))),
      corsOrigins_(new QLineEdit),
      rateLimit_(new QCheckBox(tr("Limit requests per client address"))),
      rate_(form::rateBox("rate")),
      burst_(form::spinBox(1, 1000000, "burst")),
      apiKeyIn_(new QComboBox),
      apiKeyHeader_(new QLineEdit),
      apiKeys_(new QLineEdit),
      bearerTokens_(new QLineEdit),
      basicUsers_(new QLineEdit) {
    auto* pane = new QWidget;
    auto* grid = new QGridLayout(pane);
    grid->addWidget(banner_, 0, 0, 1, 2);
    grid->addWidget(apiSection(), 1, 0);
    grid->addWidget(serverSection(), 2, 0);
    grid->addWidget(limitsSection(), 1, 1);
    grid->addWidget(accessSection(), 2, 1);
    grid->setRowStretch(3, 1);
    grid->setColumnStretch(0, 1);
    grid->setColumnStretch(1, 1);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(form::scrolling(pane));

    connect(document_, &ProjectDocument::projectChanged, this, &SettingsEditor::refresh);
    refresh();
}

QWidget* SettingsEditor::apiSection() {
    name_->setObjectName("projectName");
    version_->setObjectName("projectVersion");
    auto [box, rows] = form::section(tr("API"));
    rows->addRow(tr("&Name"), name_);
    rows->addRow(tr("&Version"), version_);
    rows->addRow(tr("&Description"), description_);

    bindText(name_, tr("name"), [](model::Project& p, const QString& v) { p.name = v.toStdString(); });
    bindText(version_, tr("version"),
             [](model::Project& p, const QString& v) { p.version = v.toStdString(); });
    connect(description_, &QPlainTextEdit::textChanged, this, [this] {
        const std::string text = description_->toPlainText().toStdString();
        document_->edit([text](model::Project& p) { p.description = text; }, tr("Change API description"),
                        QStringLiteral("settings/description"), QStringLiteral("/description"));
    });
    return box;
}

QWidget* SettingsEditor::serverSection() {
    host_->setObjectName("host");
    host_->setToolTip(tr("127.0.0.1 serves this machine only; 0.0.0.0 serves the network"));
    concurrency_->setObjectName("concurrency");
    concurrency_->addItem(tr("async event loop (like an ASGI server)"),
                          static_cast<int>(model::ConcurrencyModel::Async));
    concurrency_->addItem(tr("blocking worker pool (like a WSGI server)"),
                          static_cast<int>(model::ConcurrencyModel::WorkerPool));
    auto [box, rows] = form::section(tr("Server"));
    concurrencyForm_ = rows;
    rows->addRow(tr("&Host"), host_);
    rows->addRow(tr("&Port"), port_);
    rows->addRow(tr("&Concurrency"), concurrency_);
    rows->addRow(tr("Event-loop threads"), threads_);
    rows->addRow(tr("Workers"), workers_);
    rows->addRow(tr("Queue before 503"), queue_);

    bindText(host_, tr("host"),
             [](model::Project& p, const QString& v) { p.server.host = v.trimmed().toStdString(); });
    bindInt(port_, tr("port"), [](model::Project& p, int v) { p.server.port = v; });
    connect(concurrency_, &QComboBox::activated, this, [this] {
        const auto m = static_cast<model::ConcurrencyModel>(concurrency_->currentData().toInt());
        document_->edit([m](model::Project& p) { p.server.concurrency.model = m; },
                        tr("Change concurrency model to %1").arg(q(model::toString(m))), {},
                        QStringLiteral("/server/concurrency/model"));
    });
    bindInt(threads_, tr("threads"), [](model::Project& p, int v) { p.server.concurrency.threads = v; });
    bindInt(workers_, tr("workers"), [](model::Project& p, int v) { p.server.concurrency.workers = v; });
    bindInt(queue_, tr("queue size"), [](model::Project& p, int v) { p.server.concurrency.queueSize = v; });
    return box;
}

QWidget* SettingsEditor::limitsSection() {
    auto [box, rows] = form::section(tr("Limits"));
    rows->addRow(tr("Max body size"), maxBody_);
    rows->addRow(tr("Max header size"), maxHeader_);
    rows->addRow(tr("Header timeout"), headerTimeout_);
    rows->addRow(tr("Idle timeout"), idleTimeout_);
    rows->addRow(tr("Max connections"), maxConnections_);
    rows->addRow(tr("Max JSON depth"), maxDepth_);

    bindInt(maxBody_, tr("max body size"),
            [](model::Project& p, int v) { p.server.limits.maxBodyBytes = v; });
    bindInt(maxHeader_, tr("max header size"),
            [](model::Project& p, int v) { p.server.limits.maxHeaderBytes = v; });
    bindDuration(headerTimeout_, tr("header timeout"),
                 [](model::Project& p) -> model::Duration& { return p.server.limits.headerTimeout; });
    bindDuration(idleTimeout_, tr("idle timeout"),
                 [](model::Project& p) -> model::Duration& { return p.server.limits.idleTimeout; });
    bindInt(maxConnections_, tr("max connections"),
            [](model::Project& p, int v) { p.server.limits.maxConnections = v; });
    bindInt(maxDepth_, tr("max JSON depth"),
            [](model::Project& p, int v) { p.server.limits.maxJsonDepth = v; });
    return box;
}

QWidget* SettingsEditor::accessSection() {
    cors_->setObjectName("cors");
    corsOrigins_->setObjectName("corsOrigins");
    corsOrigins_->setPlaceholderText(tr("comma-separated origins, or * for any"));
    rateLimit_->setObjectName("rateLimit");
    apiKeyHeader_->setObjectName("apiKeyHeader");
    apiKeys_->setObjectName("apiKeys");
    apiKeys_->setPlaceholderText(tr("comma-separated keys"));
    bearerTokens_->setObjectName("bearerTokens");
    bearerTokens_->setPlaceholderText(tr("comma-separated tokens"));
    apiKeyIn_->setObjectName("apiKeyIn");
    for (const auto in :
         {model::ApiKeyLocation::Header, model::ApiKeyLocation::Query, model::ApiKeyLocation::Cookie})
        apiKeyIn_->addItem(q(model::toString(in)), static_cast<int>(in));
    basicUsers_->setObjectName("basicUsers");
    basicUsers_->setPlaceholderText(tr("comma-separated user:password pairs"));
    auto [box, rows] = form::section(tr("Access"));
    rows->addRow(QString(), cors_);
    rows->addRow(tr("Allowed origins"), corsOrigins_);
    rows->addRow(QString(), rateLimit_);
    rows->addRow(tr("Rate"), rate_);
    rows->addRow(tr("Burst"), burst_);
    auto* apiKeyWhere = new QHBoxLayout;
    apiKeyWhere->addWidget(apiKeyIn_);
    apiKeyWhere->addWidget(apiKeyHeader_, 1);
    rows->addRow(tr("API key in"), apiKeyWhere);
    rows->addRow(tr("API keys"), apiKeys_);
    rows->addRow(tr("Bearer tokens"), bearerTokens_);
    rows->addRow(tr("Basic users"), basicUsers_);

    connect(cors_, &QCheckBox::toggled, this, [this](bool on) {
        document_->edit([on](model::Project& p) { p.server.cors.enabled = on; },
                        on ? tr("Enable CORS") : tr("Disable CORS"), {}, QStringLiteral("/server/cors"));
    });
    bindText(corsOrigins_, tr("CORS origins"),
             [](model::Project& p, const QString& v) { p.server.cors.allowOrigins = form::commaList(v); });
    connect(rateLimit_, &QCheckBox::toggled, this, [this](bool on) {
        document_->edit([on](model::Project& p) { p.server.rateLimit.enabled = on; },
                        on ? tr("Enable the rate limit") : tr("Disable the rate limit"), {},
                        QStringLiteral("/server/rate_limit"));
    });
    connect(rate_, &QDoubleSpinBox::valueChanged, this, [this](double v) {
        document_->edit([v](model::Project& p) { p.server.rateLimit.requestsPerSecond = v; },
                        tr("Change rate limit"), QStringLiteral("settings/rate"),
                        QStringLiteral("/server/rate_limit"));
    });
    bindInt(burst_, tr("burst"), [](model::Project& p, int v) { p.server.rateLimit.burst = v; });
    bindText(apiKeyHeader_, tr("API key name"), [](model::Project& p, const QString& v) {
        p.server.auth.apiKeyName = v.trimmed().toStdString();
    });
    bindText(basicUsers_, tr("basic users"),
             [](model::Project& p, const QString& v) { p.server.auth.basicUsers = form::commaList(v); });
    connect(apiKeyIn_, &QComboBox::activated, this, [this] {
        const auto in = static_cast<model::ApiKeyLocation>(apiKeyIn_->currentData().toInt());
        document_->edit([in](model::Project& p) { p.server.auth.apiKeyIn = in; },
                        tr("Send API keys in the %1").arg(q(model::toString(in))), {},
                        QStringLiteral("/server/auth/api_key_in"));
    });
    bindText(apiKeys_, tr("API keys"),
             [](model::Project& p, const QString& v) { p.server.auth.apiKeys = form::commaList(v); });
    bindText(bearerTokens_, tr("bearer tokens"),
             [](model::Project& p, const QString& v) { p.server.auth.bearerTokens = form::commaList(v); });
    return box;
}

void SettingsEditor::editSetting(const QString& what, const std::function<void(model::Project&)>& apply) {
    document_->edit(apply, tr("Change %1").arg(what), QStringLiteral("settings/") + what,
                    QStringLiteral("/server"));
}

void SettingsEditor::bindText(QLineEdit* edit, const QString& what,
                              void (*apply)(model::Project&, const QString&)) {
    form::onTextEdited(edit, document_, [this, what, apply](const QString& value) {
        editSetting(what, [apply, value](model::Project& p) { apply(p, value); });
    });
}

void SettingsEditor::bindInt(QSpinBox* box, const QString& what, void (*apply)(model::Project&, int)) {
    form::onValueChanged(box, document_, [this, what, apply](int value) {
        editSetting(what, [apply, value](model::Project& p) { apply(p, value); });
    });
}

void SettingsEditor::bindDuration(QLineEdit* edit, const QString& what,
                                  model::Duration& (*slot)(model::Project&)) {
    form::onDurationEdited(edit, document_, [this, what, slot](model::Duration d) {
        editSetting(what, [slot, d](model::Project& p) { slot(p) = d; });
    });
}

void SettingsEditor::refresh() {
    const model::Project& p = document_->project();
    const model::ServerSettings& s = p.server;
    quiet::setText(name_, q(p.name));
    quiet::setText(version_, q(p.version));
    quiet::setPlainText(description_, q(p.description));
    quiet::setText(host_, q(s.host));
    quiet::setValue(port_, s.port);
    quiet::setCurrentData(concurrency_, static_cast<int>(s.concurrency.model));
    quiet::setValue(threads_, s.concurrency.threads);
    quiet::setValue(workers_, s.concurrency.workers);
    quiet::setValue(queue_, s.concurrency.queueSize);
    const bool async = s.concurrency.model == model::ConcurrencyModel::Async;
    concurrencyForm_->setRowVisible(threads_, async);
    concurrencyForm_->setRowVisible(workers_, !async);
    concurrencyForm_->setRowVisible(queue_, !async);
    quiet::setValue(maxBody_,
                    static_cast<int>(std::min<std::int64_t>(s.limits.maxBodyBytes, maxBody_->maximum())));
    quiet::setValue(maxHeader_,
                    static_cast<int>(std::min<std::int64_t>(s.limits.maxHeaderBytes, maxHeader_->maximum())));
    form::showDuration(headerTimeout_, s.limits.headerTimeout);
    form::showDuration(idleTimeout_, s.limits.idleTimeout);
    quiet::setValue(maxConnections_, s.limits.maxConnections);
    quiet::setValue(maxDepth_, s.limits.maxJsonDepth);
    quiet::setChecked(cors_, s.cors.enabled);
    if (form::commaList(corsOrigins_->text()) != s.cors.allowOrigins)
        quiet::setText(corsOrigins_, form::commaText(s.cors.allowOrigins));
    corsOrigins_->setEnabled(s.cors.enabled);
    quiet::setChecked(rateLimit_, s.rateLimit.enabled);
    quiet::setValue(rate_, s.rateLimit.requestsPerSecond);
    quiet::setValue(burst_, s.rateLimit.burst);
    rate_->setEnabled(s.rateLimit.enabled);
    burst_->setEnabled(s.rateLimit.enabled);
    quiet::setCurrentData(apiKeyIn_, static_cast<int>(s.auth.apiKeyIn));
    quiet::setText(apiKeyHeader_, q(s.auth.apiKeyName));
    if (form::commaList(basicUsers_->text()) != s.auth.basicUsers)
        quiet::setText(basicUsers_, form::commaText(s.auth.basicUsers));
    if (form::commaList(apiKeys_->text()) != s.auth.apiKeys)
        quiet::setText(apiKeys_, form::commaText(s.auth.apiKeys));
    if (form::commaList(bearerTokens_->text()) != s.auth.bearerTokens) {
        quiet::setText(bearerTokens_, form::commaText(s.auth.bearerTokens));
    }
    // Only the project-wide problems belong here; models and endpoints show their own.
    std::vector<model::Problem> mine;
    for (const model::Problem& problem : document_->problems()) {
        const std::string c = JsonPointer::parse(problem.location).collection();
        if (c != "models" && c != "endpoints" && c != "scenarios") mine.push_back(problem);
    }
    markers_.show(mine, "", [this](const JsonPointer& pointer, std::size_t) { return locate(pointer); });
}

QWidget* SettingsEditor::locate(const JsonPointer& pointer) {
    const std::string& top = pointer.token(0);
    if (top == "name") return name_;
    if (top == "version") return version_;
    if (top == "description") return description_;
    if (top != "server") return name_;
    const std::string& key = pointer.token(1);
    const std::string& sub = pointer.token(2);
    if (key == "host") return host_;
    if (key == "port") return port_;
    if (key == "concurrency") {
        if (sub == "threads") return threads_;
        if (sub == "workers") return workers_;
        if (sub == "queue") return queue_;
        return concurrency_;
    }
    if (key == "limits") {
        if (sub == "max_header_bytes") return maxHeader_;
        if (sub == "header_timeout") return headerTimeout_;
        if (sub == "idle_timeout") return idleTimeout_;
        if (sub == "max_connections") return maxConnections_;
        if (sub == "max_json_depth") return maxDepth_;
        return maxBody_;
    }
    if (key == "cors") return sub == "enabled" ? static_cast<QWidget*>(cors_) : corsOrigins_;
    if (key == "rate_limit") return sub == "burst" ? static_cast<QWidget*>(burst_) : rate_;
    if (key == "auth") {
        if (sub == "api_key_in") return apiKeyIn_;
        if (sub == "api_key_name") return apiKeyHeader_;
        if (sub == "basic_users") return basicUsers_;
        if (sub == "bearer_tokens") return bearerTokens_;
        return apiKeys_;
    }
    return host_;
}

void SettingsEditor::focusLocation(const JsonPointer& pointer) {
    if (QWidget* w = locate(pointer)) w->setFocus(Qt::OtherFocusReason);
}

}  // namespace loadstar::widgets
