#include "widgets/window/import_dialog.h"

#include <map>

#include <QApplication>
#include <QClipboard>
#include <QDialogButtonBox>
#include <QFileInfo>
#include <QFontDatabase>
#include <QHeaderView>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QSplitter>
#include <QStyle>
#include <QTreeWidget>
#include <QVBoxLayout>

#include "engine/openapi/document_parser.h"
#include "engine/openapi/document_source.h"
#include "engine/schema/project_check.h"
#include "widgets/window/openapi_source_box.h"

namespace loadstar::widgets {

namespace {

QString q(const std::string& s) {
    return QString::fromStdString(s);
}

std::string issueLine(const openapi::ImportIssue& issue, const char* severity) {
    return issue.document + (issue.where.empty() ? "" : ":" + issue.where) + ": " + severity + ": " +
           issue.message;
}

// The document part of a warning as a person reads it in the list: a file by its
// name (the full path is in the tooltip), a URL as it is.
QString shownLine(const openapi::ImportIssue& issue) {
    const QString document =
        openapi::isUrl(issue.document) ? q(issue.document) : QFileInfo(q(issue.document)).fileName();
    return document + (issue.where.empty() ? QString() : QStringLiteral(":") + q(issue.where)) +
           QStringLiteral(": warning: ") + q(issue.message);
}

QString countOf(std::size_t n, const QString& one, const QString& many) {
    return n == 1 ? one : many.arg(n);
}

}  // namespace

ImportPreview previewImport(const std::string& source, const openapi::FetchUrl& fetch) {
    ImportPreview preview;
    preview.source = source;
    auto text = openapi::readDocumentSource(source, fetch);
    if (const auto* failure = std::get_if<openapi::LoadFailure>(&text)) {
        preview.errors.push_back(source + ": error: " + failure->message);
        return preview;
    }
    openapi::ImportOptions options;
    options.loader = openapi::documentLoader(fetch);
    auto document = openapi::parseDocumentText(std::get<std::string>(text), options.limits);
    std::string().swap(std::get<std::string>(text));  // a large document should not be held twice over
    if (const auto* syntax = std::get_if<openapi::SyntaxError>(&document)) {
        preview.errors.push_back(source + (syntax->where().empty() ? "" : ":" + syntax->where()) +
                                 ": error: " + syntax->message);
        return preview;
    }
    const Json& root = std::get<Json>(document);
    if (root.is_object() && root.contains("servers") && root.at("servers").is_array()) {
        for (const Json& server : root.at("servers")) {
            if (server.is_object() && server.contains("url") && server.at("url").is_string())
                preview.servers.push_back(server.at("url").get<std::string>());
        }
    }
    auto imported = openapi::importOpenApiDocument(source, std::get<Json>(std::move(document)), options);
    if (const auto* failure = std::get_if<openapi::ImportFailure>(&imported)) {
        for (const openapi::ImportIssue& issue : failure->errors)
            preview.errors.push_back(issueLine(issue, "error"));
        return preview;
    }
    preview.result = std::get<openapi::ImportResult>(std::move(imported));
    for (const model::Problem& p : schema::checkProject(preview.result->project))
        preview.designErrors += p.severity == model::Severity::Error ? 1 : 0;
    return preview;
}

ImportDialog::ImportDialog(QWidget* parent)
    : QDialog(parent),
      source_(
          new OpenApiSourceBox(tr("&Preview"), tr("OpenAPI documents (*.json *.yaml *.yml);;All files (*)"))),
      heading_(new QLabel),
      summary_(new QLabel),
      operationsTitle_(new QLabel),
      operations_(new QTreeWidget),
      warningsTitle_(new QLabel),
      warnings_(new QListWidget),
      copyWarnings_(new QPushButton(tr("Copy Warnings"))),
      buttons_(new QDialogButtonBox(QDialogButtonBox::Cancel)),
      import_(buttons_->addButton(tr("&Import"), QDialogButtonBox::AcceptRole)) {
    setWindowTitle(tr("Import OpenAPI"));
    setObjectName("importOpenApiDialog");
    import_->setObjectName("importButton");
    operations_->setObjectName("importOperations");
    warnings_->setObjectName("importWarnings");
    heading_->setObjectName("importHeading");
    summary_->setObjectName("importSummary");
    heading_->setWordWrap(true);
    summary_->setTextFormat(Qt::RichText);
    summary_->setTextInteractionFlags(Qt::TextSelectableByMouse);

    operations_->setColumnCount(3);
    operations_->setHeaderLabels({tr("Method"), tr("Path"), tr("Summary")});
    operations_->setRootIsDecorated(false);
    operations_->setUniformRowHeights(true);
    operations_->setAlternatingRowColors(true);
    operations_->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    operations_->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    operations_->header()->setStretchLastSection(true);

    warnings_->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    // Whole lines, wrapped: a warning cut at the window's edge would hide what was lost.
    warnings_->setWordWrap(true);
    warnings_->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    warnings_->setResizeMode(QListView::Adjust);
    const int icon = style()->pixelMetric(QStyle::PM_SmallIconSize);
    warnings_->setIconSize(QSize(icon, icon));
    warnings_->setSelectionMode(QAbstractItemView::ExtendedSelection);
    copyWarnings_->setAutoDefault(false);

    auto* operationsPane = new QWidget;
    auto* operationsLayout = new QVBoxLayout(operationsPane);
    operationsLayout->setContentsMargins(0, 0, 0, 0);
    operationsLayout->addWidget(operationsTitle_);
    operationsLayout->addWidget(operations_);
    auto* warningsPane = new QWidget;
    auto* warningsLayout = new QVBoxLayout(warningsPane);
    warningsLayout->setContentsMargins(0, 0, 0, 0);
    auto* warningsHeader = new QHBoxLayout;
    warningsHeader->addWidget(warningsTitle_, 1);
    warningsHeader->addWidget(copyWarnings_);
    warningsLayout->addLayout(warningsHeader);
    warningsLayout->addWidget(warnings_);
    auto* split = new QSplitter(Qt::Vertical);
    split->addWidget(operationsPane);
    split->addWidget(warningsPane);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    split->setChildrenCollapsible(false);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(source_);
    layout->addWidget(heading_);
    layout->addWidget(summary_);
    layout->addWidget(split, 1);
    layout->addWidget(buttons_);

    connect(source_, &OpenApiSourceBox::submitted, this, &ImportDialog::startPreview);
    connect(buttons_, &QDialogButtonBox::accepted, this, [this] {
        if (preview_.result && !source_->isBusy()) accept();
    });
    connect(buttons_, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(copyWarnings_, &QPushButton::clicked, this, [this] {
        QStringList lines;
        if (preview_.result) {
            for (const openapi::ImportIssue& loss : preview_.result->losses)
                lines << q(issueLine(loss, "warning"));
        }
        QApplication::clipboard()->setText(lines.join(QLatin1Char('\n')) + QLatin1Char('\n'));
    });
    clearPreview();
    resize(780, 600);
}

void ImportDialog::preview(const QString& source) {
    source_->setSource(source);
    startPreview();
}

model::Project ImportDialog::takeProject() {
    return preview_.result ? std::move(preview_.result->project) : model::Project{};
}

void ImportDialog::startPreview() {
    clearPreview();
    source_->start<ImportPreview>(previewImport, [this](ImportPreview p) { showPreview(std::move(p)); });
}

void ImportDialog::clearPreview() {
    preview_ = {};
    heading_->setText(
        tr("Choose an OpenAPI 3.0 or 3.1 document (JSON or YAML): a file, or the URL where a running "
           "server publishes it (a FastAPI app's /openapi.json). Nothing is imported until you click "
           "Import; the design then opens as a new, unsaved project."));
    summary_->hide();
    operations_->clear();
    operationsTitle_->setText(tr("Operations"));
    warnings_->clear();
    warningsTitle_->setText(tr("Warnings"));
    copyWarnings_->setEnabled(false);
    import_->setEnabled(false);
}

void ImportDialog::showPreview(ImportPreview preview) {
    preview_ = std::move(preview);
    if (!preview_.result) {
        QStringList lines;
        for (const std::string& line : preview_.errors)
            lines << q(line);
        source_->showError(tr("Nothing can be imported:\n%1").arg(lines.join(QLatin1Char('\n'))));
        return;
    }
    const openapi::ImportResult& result = *preview_.result;
    const model::Project& project = result.project;
    heading_->setText(tr("<b>%1</b> %2 · OpenAPI %3")
                          .arg(q(project.name).toHtmlEscaped(), q(project.version).toHtmlEscaped(),
                               q(result.openapiVersion).toHtmlEscaped()));
    summary_->setText(summaryText());
    summary_->show();

    const QStyle* style = this->style();
    for (const model::Endpoint& e : project.endpoints) {
        auto* item = new QTreeWidgetItem(operations_,
                                         {q(e.method), q(e.path), q(e.summary.empty() ? e.id : e.summary)});
        item->setToolTip(1, tr("operationId: %1").arg(q(e.id)));
    }
    operationsTitle_->setText(tr("Operations (%1)").arg(project.endpoints.size()));

    const QIcon warning = style->standardIcon(QStyle::SP_MessageBoxWarning);
    for (const openapi::ImportIssue& loss : result.losses) {
        auto* item = new QListWidgetItem(warning, shownLine(loss), warnings_);
        item->setToolTip(q(issueLine(loss, "warning")));
    }
    warningsTitle_->setText(
        result.losses.empty()
            ? tr("Warnings: none — the design holds everything the document describes.")
            : tr("Warnings (%1) — what the design cannot hold and leaves out:").arg(result.losses.size()));
    copyWarnings_->setEnabled(!result.losses.empty());
    import_->setEnabled(true);
    import_->setDefault(true);
    import_->setFocus(Qt::OtherFocusReason);
}

QString ImportDialog::summaryText() const {
    const openapi::ImportResult& result = *preview_.result;
    const model::Project& project = result.project;
    const openapi::ImportStatistics& s = result.statistics;
    std::map<model::AuthRequirement, std::size_t> auth;
    for (const model::Endpoint& e : project.endpoints)
        ++auth[e.auth];
    QStringList schemes;
    const auto onOperations = [&](model::AuthRequirement requirement) {
        return countOf(auth[requirement], tr("1 operation"), tr("%1 operations"));
    };
    if (auth[model::AuthRequirement::ApiKey] > 0) {
        const model::Auth& key = project.server.auth;
        const QString where = key.apiKeyIn == model::ApiKeyLocation::Query    ? tr("query parameter")
                              : key.apiKeyIn == model::ApiKeyLocation::Cookie ? tr("cookie")
                                                                              : tr("header");
        schemes << tr("API key in the %1 %2 on %3")
                       .arg(q(key.apiKeyName), where, onOperations(model::AuthRequirement::ApiKey));
    }
    if (auth[model::AuthRequirement::Bearer] > 0)
        schemes << tr("bearer token on %1").arg(onOperations(model::AuthRequirement::Bearer));
    if (auth[model::AuthRequirement::Basic] > 0)
        schemes << tr("HTTP basic on %1").arg(onOperations(model::AuthRequirement::Basic));
    QStringList servers;
    for (const std::string& url : preview_.servers)
        servers << q(url).toHtmlEscaped();
    const QString listens =
        QStringLiteral("http://%1:%2").arg(q(project.server.host)).arg(project.server.port);
    const QString serversText =
        servers.isEmpty()
            ? tr("none listed; the design serves on %1").arg(listens)
            : tr("%1; the design serves on %2").arg(servers.join(QStringLiteral(", ")), listens);
    const auto row = [](const QString& label, const QString& value) {
        return QStringLiteral("<tr><td style='padding-right:12px'>%1</td><td>%2</td></tr>").arg(label, value);
    };
    QString rows = row(tr("Operations:"),
                       tr("%1 of %2 in the document").arg(s.kept.operations).arg(s.found.operations)) +
                   row(tr("Models:"), QString::number(project.models.size())) +
                   row(tr("Auth:"), schemes.isEmpty() ? tr("none") : schemes.join(QStringLiteral("; "))) +
                   row(tr("Servers:"), serversText) +
                   row(tr("Kept:"), tr("%1/%2 parameters, %3/%4 properties, %5/%6 constraints")
                                        .arg(s.kept.parameters)
                                        .arg(s.found.parameters)
                                        .arg(s.kept.properties)
                                        .arg(s.found.properties)
                                        .arg(s.kept.constraints)
                                        .arg(s.found.constraints));
    if (preview_.designErrors > 0) {
        rows += row(tr("Design check:"),
                    countOf(preview_.designErrors, tr("1 error, listed in Problems after the import"),
                            tr("%1 errors, listed in Problems after the import")));
    }
    return QStringLiteral("<table>%1</table>").arg(rows);
}

}  // namespace loadstar::widgets
