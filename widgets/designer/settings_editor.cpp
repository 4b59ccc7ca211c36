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

#include "widgets/common/quiet_update.h"
#include "widgets/document/project_document.h"

namespace loadstar::widgets {

namespace {

QString q(const std::string& s) {
    return QString::fromStdString(s);
}

QString joinList(const std::vector<std::string>& items) {
    QStringList out;
    for (const std::string& s : items)
        out << q(s);
    return out.join(QStringLiteral(", "));
}

std::vector<std::string> splitList(const QString& text) {
    std::vector<std::string> out;
    for (const QString& part : text.split(',', Qt::SkipEmptyParts)) {
        if (!part.trimmed().isEmpty()) out.push_back(part.trimmed().toStdString());
    }
    return out;
}

QFormLayout* formIn(QGroupBox* box) {
    auto* form = new QFormLayout(box);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    return form;
}

QSpinBox* spin(int lo, int hi, const char* name, const QString& suffix = {}) {
    auto* s = new QSpinBox;
    s->setRange(lo, hi);
    s->setObjectName(QString::fromLatin1(name));
    s->setSuffix(suffix);
    s->setGroupSeparatorShown(true);
    return s;
}

}  // namespace

SettingsEditor::SettingsEditor(ProjectDocument* document, QWidget* parent)
    : QWidget(parent),
      document_(document),
      banner_(new QLabel),
      markers_(banner_),
      name_(new QLineEdit),
      version_(new QLineEdit),
      description_(new QPlainTextEdit),
      host_(new QLineEdit),
      port_(spin(0, 65535, "port")),
      concurrency_(new QComboBox),
      threads_(spin(1, 1024, "threads")),
      workers_(spin(1, 4096, "workers")),
      queue_(spin(0, 1000000, "queue")),
      maxBody_(spin(0, 1 << 30, "maxBody", tr(" bytes"))),
      maxHeader_(spin(0, 1 << 24, "maxHeader", tr(" bytes"))),
      headerTimeout_(new QLineEdit),
      idleTimeout_(new QLineEdit),
      maxConnections_(spin(1, 1000000, "maxConnections")),
      maxDepth_(spin(1, 10000, "maxJsonDepth")),
      cors_(new QCheckBox(tr("Answer cross-origin requests (CORS)"))),
      corsOrigins_(new QLineEdit),
      rateLimit_(new QCheckBox(tr("Limit requests per client address"))),
      rate_(new QDoubleSpinBox),
      burst_(spin(1, 1000000, "burst")),
      apiKeyIn_(new QComboBox),
      apiKeyHeader_(new QLineEdit),
      apiKeys_(new QLineEdit),
      bearerTokens_(new QLineEdit),
      basicUsers_(new QLineEdit) {
    name_->setObjectName("projectName");
    version_->setObjectName("projectVersion");
    description_->setObjectName("projectDescription");
    host_->setObjectName("host");
    concurrency_->setObjectName("concurrency");
    description_->setTabChangesFocus(true);
    description_->setMaximumHeight(description_->fontMetrics().lineSpacing() * 4);

    auto* api = new QGroupBox(tr("API"));
    auto* apiForm = formIn(api);
    apiForm->addRow(tr("&Name"), name_);
    apiForm->addRow(tr("&Version"), version_);
    apiForm->addRow(tr("&Description"), description_);

    auto* server = new QGroupBox(tr("Server"));
    concurrencyForm_ = formIn(server);
    concurrency_->addItem(tr("async event loop (like an ASGI server)"),
                          static_cast<int>(model::ConcurrencyModel::Async));
    concurrency_->addItem(tr("blocking worker pool (like a WSGI server)"),
                          static_cast<int>(model::ConcurrencyModel::WorkerPool));
    host_->setToolTip(tr("127.0.0.1 serves this machine only; 0.0.0.0 serves the network"));
    concurrencyForm_->addRow(tr("&Host"), host_);
    concurrencyForm_->addRow(tr("&Port"), port_);
    concurrencyForm_->addRow(tr("&Concurrency"), concurrency_);
    concurrencyForm_->addRow(tr("Event-loop threads"), threads_);
    concurrencyForm_->addRow(tr("Workers"), workers_);
    concurrencyForm_->addRow(tr("Queue before 503"), queue_);

    auto* limits = new QGroupBox(tr("Limits"));
    auto* limitsForm = formIn(limits);
    headerTimeout_->setObjectName("headerTimeout");
    idleTimeout_->setObjectName("idleTimeout");
    limitsForm->addRow(tr("Max body size"), maxBody_);
    limitsForm->addRow(tr("Max header size"), maxHeader_);
    limitsForm->addRow(tr("Header timeout"), headerTimeout_);
    limitsForm->addRow(tr("Idle timeout"), idleTimeout_);
    limitsForm->addRow(tr("Max connections"), maxConnections_);
    limitsForm->addRow(tr("Max JSON depth"), maxDepth_);

    auto* access = new QGroupBox(tr("Access"));
    auto* accessForm = formIn(access);
    cors_->setObjectName("cors");
    corsOrigins_->setObjectName("corsOrigins");
    corsOrigins_->setPlaceholderText(tr("comma-separated origins, or * for any"));
    rateLimit_->setObjectName("rateLimit");
    rate_->setObjectName("rate");
    rate_->setRange(0.1, 1e7);
    rate_->setDecimals(1);
    rate_->setSuffix(tr(" requests/s"));
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
    accessForm->addRow(QString(), cors_);
    accessForm->addRow(tr("Allowed origins"), corsOrigins_);
    accessForm->addRow(QString(), rateLimit_);
    accessForm->addRow(tr("Rate"), rate_);
    accessForm->addRow(tr("Burst"), burst_);
    auto* apiKeyWhere = new QHBoxLayout;
    apiKeyWhere->addWidget(apiKeyIn_);
    apiKeyWhere->addWidget(apiKeyHeader_, 1);
    accessForm->addRow(tr("API key in"), apiKeyWhere);
    accessForm->addRow(tr("API keys"), apiKeys_);
    accessForm->addRow(tr("Bearer tokens"), bearerTokens_);
    accessForm->addRow(tr("Basic users"), basicUsers_);

    auto* pane = new QWidget;
    auto* grid = new QGridLayout(pane);
    grid->addWidget(banner_, 0, 0, 1, 2);
    grid->addWidget(api, 1, 0);
    grid->addWidget(server, 2, 0);
    grid->addWidget(limits, 1, 1);
    grid->addWidget(access, 2, 1);
    grid->setRowStretch(3, 1);
    grid->setColumnStretch(0, 1);
    grid->setColumnStretch(1, 1);
    auto* scroll = new QScrollArea;
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidget(pane);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(scroll);

    bindText(name_, tr("name"), [](model::Project& p, const QString& v) { p.name = v.toStdString(); });
    bindText(version_, tr("version"),
             [](model::Project& p, const QString& v) { p.version = v.toStdString(); });
    bindText(host_, tr("host"),
             [](model::Project& p, const QString& v) { p.server.host = v.trimmed().toStdString(); });
    bindText(corsOrigins_, tr("CORS origins"),
             [](model::Project& p, const QString& v) { p.server.cors.allowOrigins = splitList(v); });
    bindText(apiKeyHeader_, tr("API key name"), [](model::Project& p, const QString& v) {
        p.server.auth.apiKeyName = v.trimmed().toStdString();
    });
    bindText(basicUsers_, tr("basic users"),
             [](model::Project& p, const QString& v) { p.server.auth.basicUsers = splitList(v); });
    connect(apiKeyIn_, &QComboBox::activated, this, [this] {
        const auto in = static_cast<model::ApiKeyLocation>(apiKeyIn_->currentData().toInt());
        document_->edit([in](model::Project& p) { p.server.auth.apiKeyIn = in; },
                        tr("Send API keys in the %1").arg(q(model::toString(in))), {},
                        QStringLiteral("/server/auth/api_key_in"));
    });
    bindText(apiKeys_, tr("API keys"),
             [](model::Project& p, const QString& v) { p.server.auth.apiKeys = splitList(v); });
    bindText(bearerTokens_, tr("bearer tokens"),
             [](model::Project& p, const QString& v) { p.server.auth.bearerTokens = splitList(v); });
    bindInt(port_, tr("port"), [](model::Project& p, int v) { p.server.port = v; });
    bindInt(threads_, tr("threads"), [](model::Project& p, int v) { p.server.concurrency.threads = v; });
    bindInt(workers_, tr("workers"), [](model::Project& p, int v) { p.server.concurrency.workers = v; });
    bindInt(queue_, tr("queue size"), [](model::Project& p, int v) { p.server.concurrency.queueSize = v; });
    bindInt(maxBody_, tr("max body size"),
            [](model::Project& p, int v) { p.server.limits.maxBodyBytes = v; });
    bindInt(maxHeader_, tr("max header size"),
            [](model::Project& p, int v) { p.server.limits.maxHeaderBytes = v; });
    bindInt(maxConnections_, tr("max connections"),
            [](model::Project& p, int v) { p.server.limits.maxConnections = v; });
    bindInt(maxDepth_, tr("max JSON depth"),
            [](model::Project& p, int v) { p.server.limits.maxJsonDepth = v; });
    bindInt(burst_, tr("burst"), [](model::Project& p, int v) { p.server.rateLimit.burst = v; });
    bindDuration(headerTimeout_, tr("header timeout"),
                 [](model::Project& p) -> model::Duration& { return p.server.limits.headerTimeout; });
    bindDuration(idleTimeout_, tr("idle timeout"),
                 [](model::Project& p) -> model::Duration& { return p.server.limits.idleTimeout; });

    connect(description_, &QPlainTextEdit::textChanged, this, [this] {
        const std::string text = description_->toPlainText().toStdString();
        document_->edit([text](model::Project& p) { p.description = text; }, tr("Change API description"),
                        QStringLiteral("settings/description"), QStringLiteral("/description"));
    });
    connect(concurrency_, &QComboBox::activated, this, [this] {
        const auto m = static_cast<model::ConcurrencyModel>(concurrency_->currentData().toInt());
        document_->edit([m](model::Project& p) { p.server.concurrency.model = m; },
                        tr("Change concurrency model to %1").arg(q(model::toString(m))), {},
                        QStringLiteral("/server/concurrency/model"));
    });
    connect(cors_, &QCheckBox::toggled, this, [this](bool on) {
        document_->edit([on](model::Project& p) { p.server.cors.enabled = on; },
                        on ? tr("Enable CORS") : tr("Disable CORS"), {}, QStringLiteral("/server/cors"));
    });
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
    connect(document_, &ProjectDocument::projectChanged, this, &SettingsEditor::refresh);
    refresh();
}

void SettingsEditor::bindText(QLineEdit* edit, const QString& what,
                              void (*apply)(model::Project&, const QString&)) {
    connect(edit, &QLineEdit::textEdited, this, [this, what, apply](const QString& value) {
        document_->edit([apply, value](model::Project& p) { apply(p, value); }, tr("Change %1").arg(what),
                        QStringLiteral("settings/") + what, QStringLiteral("/server"));
    });
    connect(edit, &QLineEdit::editingFinished, document_, &ProjectDocument::sealEdits);
}

void SettingsEditor::bindInt(QSpinBox* box, const QString& what, void (*apply)(model::Project&, int)) {
    connect(box, &QSpinBox::valueChanged, this, [this, what, apply](int value) {
        document_->edit([apply, value](model::Project& p) { apply(p, value); }, tr("Change %1").arg(what),
                        QStringLiteral("settings/") + what, QStringLiteral("/server"));
    });
    connect(box, &QSpinBox::editingFinished, document_, &ProjectDocument::sealEdits);
}

void SettingsEditor::bindDuration(QLineEdit* edit, const QString& what,
                                  model::Duration& (*slot)(model::Project&)) {
    edit->setPlaceholderText(tr("e.g. 10s"));
    connect(edit, &QLineEdit::textEdited, this, [this, edit, what, slot](const QString& value) {
        const auto parsed = model::parseDuration(value.trimmed().toStdString());
        if (!parsed) {
            edit->setToolTip(tr("Write a duration such as 500ms, 10s or 2m"));
            return;
        }
        edit->setToolTip({});
        const model::Duration d = *parsed;
        document_->edit([slot, d](model::Project& p) { slot(p) = d; }, tr("Change %1").arg(what),
                        QStringLiteral("settings/") + what, QStringLiteral("/server"));
    });
    connect(edit, &QLineEdit::editingFinished, document_, &ProjectDocument::sealEdits);
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
    for (auto [edit, d] :
         {std::pair{headerTimeout_, s.limits.headerTimeout}, std::pair{idleTimeout_, s.limits.idleTimeout}}) {
        if (edit->hasFocus() && !edit->toolTip().isEmpty()) continue;
        if (edit->hasFocus() && model::parseDuration(edit->text().trimmed().toStdString()) == d) continue;
        quiet::setText(edit, q(model::formatDuration(d)));
    }
    quiet::setValue(maxConnections_, s.limits.maxConnections);
    quiet::setValue(maxDepth_, s.limits.maxJsonDepth);
    quiet::setChecked(cors_, s.cors.enabled);
    if (splitList(corsOrigins_->text()) != s.cors.allowOrigins)
        quiet::setText(corsOrigins_, joinList(s.cors.allowOrigins));
    corsOrigins_->setEnabled(s.cors.enabled);
    quiet::setChecked(rateLimit_, s.rateLimit.enabled);
    quiet::setValue(rate_, s.rateLimit.requestsPerSecond);
    quiet::setValue(burst_, s.rateLimit.burst);
    rate_->setEnabled(s.rateLimit.enabled);
    burst_->setEnabled(s.rateLimit.enabled);
    quiet::setCurrentData(apiKeyIn_, static_cast<int>(s.auth.apiKeyIn));
    quiet::setText(apiKeyHeader_, q(s.auth.apiKeyName));
    if (splitList(basicUsers_->text()) != s.auth.basicUsers)
        quiet::setText(basicUsers_, joinList(s.auth.basicUsers));
    if (splitList(apiKeys_->text()) != s.auth.apiKeys) quiet::setText(apiKeys_, joinList(s.auth.apiKeys));
    if (splitList(bearerTokens_->text()) != s.auth.bearerTokens) {
        quiet::setText(bearerTokens_, joinList(s.auth.bearerTokens));
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
