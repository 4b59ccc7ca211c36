#include "widgets/designer/endpoint_editor.h"

#include <algorithm>

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QShortcut>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>

#include "engine/openapi/exporter.h"
#include "engine/openapi/yaml_writer.h"
#include "widgets/cockpit/body_choices.h"
#include "widgets/common/form_fields.h"
#include "widgets/common/quiet_update.h"
#include "widgets/designer/behaviour_form.h"
#include "widgets/designer/choice_delegate.h"
#include "widgets/designer/field_form.h"
#include "widgets/designer/parameter_table_model.h"
#include "widgets/designer/preview_pane.h"
#include "widgets/designer/request_preview.h"
#include "widgets/designer/response_table_model.h"
#include "widgets/designer/type_editor.h"
#include "widgets/document/project_document.h"

namespace loadstar::widgets {

namespace {

QString q(const std::string& s) {
    return QString::fromStdString(s);
}

QTableView* makeTable(QAbstractItemModel* model, const char* name) {
    auto* view = new QTableView;
    view->setObjectName(QString::fromLatin1(name));
    view->setModel(model);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setSelectionMode(QAbstractItemView::SingleSelection);
    view->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed |
                          QAbstractItemView::AnyKeyPressed | QAbstractItemView::SelectedClicked);
    view->verticalHeader()->hide();
    view->horizontalHeader()->setStretchLastSection(true);
    view->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    view->horizontalHeader()->setMinimumSectionSize(
        view->fontMetrics().horizontalAdvance(QStringLiteral("Required")) + 24);
    view->setMinimumHeight(view->fontMetrics().height() * 7);
    return view;
}

}  // namespace

EndpointEditor::EndpointEditor(ProjectDocument* document, QWidget* parent)
    : QWidget(parent),
      document_(document),
      id_(new QLineEdit),
      method_(new QComboBox),
      path_(new QLineEdit),
      pathCheck_(new QLabel),
      addPathParams_(new QPushButton(tr("Declare them"))),
      summary_(new QLineEdit),
      description_(new QLineEdit),
      tags_(new QLineEdit),
      auth_(new QComboBox),
      deprecated_(new QCheckBox(tr("D&eprecated"))),
      requestModel_(new QComboBox),
      requestRequired_(new QCheckBox(tr("Re&quired"))),
      requestType_(new TypeEditor),
      responseTypeLabel_(new QLabel),
      responseType_(new TypeEditor),
      banner_(new QLabel),
      markers_(banner_),
      parameters_(new ParameterTableModel(this)),
      parameterView_(makeTable(parameters_, "parameters")),
      responses_(new ResponseTableModel(this)),
      responseView_(makeTable(responses_, "responses")),
      paramForm_(new FieldForm),
      behaviour_(new BehaviourForm),
      fragment_(new PreviewPane),
      fragmentYaml_(new PreviewPane),
      request_(new PreviewPane) {
    auto* formPane = new QWidget;
    auto* formLayout = new QVBoxLayout(formPane);
    formLayout->addWidget(banner_);
    formLayout->addWidget(routeSection());
    formLayout->addWidget(parameterSection());
    formLayout->addWidget(bodySection());
    formLayout->addWidget(behaviourSection());
    formLayout->addStretch(1);

    auto* split = new QSplitter(Qt::Horizontal);
    split->addWidget(form::scrolling(formPane));
    split->addWidget(previewSection());
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(split);

    connect(document_, &ProjectDocument::projectChanged, this, &EndpointEditor::refresh);
}

QWidget* EndpointEditor::routeSection() {
    id_->setObjectName("endpointId");
    id_->setToolTip(tr("The operationId: unique in the project, used by scenarios and the OpenAPI document"));
    method_->setObjectName("method");
    for (const char* m : {"GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"})
        method_->addItem(QLatin1String(m), QLatin1String(m));
    path_->setObjectName("path");
    path_->setPlaceholderText(tr("/books/{book_id}"));
    pathCheck_->setObjectName("pathCheck");
    pathCheck_->setWordWrap(true);
    pathCheck_->setTextFormat(Qt::PlainText);
    addPathParams_->setObjectName("addPathParameters");
    summary_->setObjectName("summary");
    description_->setObjectName("endpointDescription");
    tags_->setObjectName("tags");
    tags_->setPlaceholderText(tr("comma-separated, e.g. books, admin"));
    auth_->setObjectName("auth");
    auth_->addItem(tr("none"), static_cast<int>(model::AuthRequirement::None));
    auth_->addItem(tr("API key"), static_cast<int>(model::AuthRequirement::ApiKey));
    auth_->addItem(tr("bearer token"), static_cast<int>(model::AuthRequirement::Bearer));
    auth_->addItem(tr("HTTP basic"), static_cast<int>(model::AuthRequirement::Basic));
    deprecated_->setObjectName("deprecated");
    deprecated_->setToolTip(tr("Still served; the OpenAPI document tells clients to move away from it"));

    auto* route = new QHBoxLayout;
    route->addWidget(method_);
    route->addWidget(path_, 1);
    auto* check = new QHBoxLayout;
    check->addWidget(pathCheck_, 1);
    check->addWidget(addPathParams_);
    auto [box, rows] = form::section(tr("Route"));
    auto* routeLabel = new QLabel(tr("&Route"));
    routeLabel->setBuddy(path_);
    rows->addRow(routeLabel, route);
    rows->addRow(QString(), check);
    rows->addRow(tr("Operation &id"), id_);
    rows->addRow(tr("&Summary"), summary_);
    rows->addRow(tr("Descri&ption"), description_);
    rows->addRow(tr("&Tags"), tags_);
    auto* authRow = new QHBoxLayout;
    authRow->addWidget(auth_, 1);
    authRow->addWidget(deprecated_);
    rows->addRow(tr("&Auth"), authRow);
    // Tab follows the form as it reads: the route first, then its documentation.
    for (auto [a, b] : {std::pair<QWidget*, QWidget*>{method_, path_},
                        {path_, addPathParams_},
                        {addPathParams_, id_},
                        {id_, summary_},
                        {summary_, description_},
                        {description_, tags_},
                        {tags_, auth_},
                        {auth_, deprecated_}}) {
        setTabOrder(a, b);
    }

    const auto text = [this](QLineEdit* edit, const QString& what, auto apply) {
        form::onTextEdited(edit, document_, [this, what, apply](const QString& value) {
            editEndpoint([apply, value](model::Endpoint& e) { apply(e, value); },
                         tr("Change %1 of %2").arg(what, label()), what, {});
        });
    };
    text(id_, tr("operation id"), [](model::Endpoint& e, const QString& v) { e.id = v.toStdString(); });
    text(path_, tr("path"), [](model::Endpoint& e, const QString& v) { e.path = v.toStdString(); });
    text(summary_, tr("summary"), [](model::Endpoint& e, const QString& v) { e.summary = v.toStdString(); });
    text(description_, tr("description"),
         [](model::Endpoint& e, const QString& v) { e.description = v.toStdString(); });
    text(tags_, tr("tags"), [](model::Endpoint& e, const QString& v) { e.tags = form::commaList(v); });
    connect(method_, &QComboBox::activated, this, [this] {
        const std::string method = method_->currentData().toString().toStdString();
        editEndpoint([method](model::Endpoint& e) { e.method = method; },
                     tr("Change method of %1 to %2").arg(label(), q(method)), {}, QStringLiteral("/method"));
    });
    connect(auth_, &QComboBox::activated, this, [this] {
        const auto auth = static_cast<model::AuthRequirement>(auth_->currentData().toInt());
        editEndpoint([auth](model::Endpoint& e) { e.auth = auth; },
                     tr("Change auth of %1 to %2").arg(label(), auth_->currentText()), {},
                     QStringLiteral("/auth"));
    });
    connect(deprecated_, &QCheckBox::toggled, this, [this](bool on) {
        editEndpoint([on](model::Endpoint& e) { e.deprecated = on; },
                     (on ? tr("Mark %1 deprecated") : tr("Mark %1 current")).arg(label()), {},
                     QStringLiteral("/deprecated"));
    });
    connect(addPathParams_, &QPushButton::clicked, this, &EndpointEditor::addPathParameters);
    return box;
}

QWidget* EndpointEditor::parameterSection() {
    auto* addParam = new QPushButton(tr("Add parameter"));
    auto* removeParam = new QPushButton(tr("Remove parameter"));
    addParam->setObjectName("addParameter");
    removeParam->setObjectName("removeParameter");
    paramForm_->setObjectName("parameterForm");
    parameterView_->setItemDelegateForColumn(
        ParameterTableModel::InColumn, new ChoiceDelegate(
                                           [] {
                                               return std::vector<std::pair<QString, QString>>{
                                                   {QStringLiteral("path"), QStringLiteral("path")},
                                                   {QStringLiteral("query"), QStringLiteral("query")},
                                                   {QStringLiteral("header"), QStringLiteral("header")},
                                                   {QStringLiteral("cookie"), QStringLiteral("cookie")}};
                                           },
                                           this));
    parameterView_->setItemDelegateForColumn(
        ParameterTableModel::TypeColumn,
        new ChoiceDelegate(
            [] {
                std::vector<std::pair<QString, QString>> kinds;
                for (const char* k : {"string", "integer", "number", "boolean"})
                    kinds.emplace_back(QLatin1String(k), QLatin1String(k));
                return kinds;
            },
            this));
    auto* box = new QGroupBox(tr("Parameters"));
    auto* column = new QVBoxLayout(box);
    column->addWidget(parameterView_);
    column->addLayout(form::buttonRow({addParam, removeParam}));
    column->addWidget(paramForm_);

    connect(parameters_, &ParameterTableModel::parameterEdited, this,
            [this](int row, const model::Parameter& p, const QString& what) {
                editEndpoint(
                    [row, p](model::Endpoint& e) { e.parameters[static_cast<std::size_t>(row)] = p; },
                    tr("Change %1 of parameter ‘%2’").arg(what, q(p.name)), {},
                    QStringLiteral("/parameters/%1").arg(row));
            });
    // The selected parameter's type, constraints, default and example, in the same form as a model field.
    connect(parameterView_->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this] {
        document_->sealEdits();
        refresh();
    });
    connect(paramForm_, &FieldForm::editFinished, document_, &ProjectDocument::sealEdits);
    connect(paramForm_, &FieldForm::edited, this, &EndpointEditor::editParameter);
    connect(addParam, &QPushButton::clicked, this, &EndpointEditor::addParameter);
    connect(removeParam, &QPushButton::clicked, this, &EndpointEditor::removeParameter);
    connect(new QShortcut(QKeySequence::Delete, parameterView_, nullptr, nullptr, Qt::WidgetShortcut),
            &QShortcut::activated, this, &EndpointEditor::removeParameter);
    return box;
}

QWidget* EndpointEditor::bodySection() {
    requestModel_->setObjectName("requestModel");
    requestType_->setObjectName("requestType");
    responseType_->setObjectName("responseType");
    responseTypeLabel_->setObjectName("responseTypeLabel");
    auto* addResponse = new QPushButton(tr("Add response"));
    auto* removeResponse = new QPushButton(tr("Remove response"));
    addResponse->setObjectName("addResponse");
    removeResponse->setObjectName("removeResponse");
    // The choices follow the response being edited, so a type of its own stays listed.
    const auto bodyChoices = [this] {
        const int row = currentResponse();
        const auto& e = document_->project().endpoints[static_cast<std::size_t>(endpointIndex_)];
        return BodyChoices::list(document_->project(),
                                 row >= 0 ? e.responses[static_cast<std::size_t>(row)].body : std::nullopt);
    };
    responseView_->setItemDelegateForColumn(ResponseTableModel::BodyColumn,
                                            new ChoiceDelegate(bodyChoices, this));

    auto* requestRow = new QHBoxLayout;
    requestRow->addWidget(requestModel_, 1);
    requestRow->addWidget(requestRequired_);
    auto* requestLabel = new QLabel(tr("Request &body"));
    requestLabel->setBuddy(requestModel_);
    auto* requestForm = new QFormLayout;
    requestForm->addRow(requestLabel, requestRow);
    requestForm->addRow(QString(), requestType_);
    auto* box = new QGroupBox(tr("Request and responses"));
    auto* column = new QVBoxLayout(box);
    column->addLayout(requestForm);
    column->addWidget(responseView_);
    column->addLayout(form::buttonRow({addResponse, removeResponse}));
    column->addWidget(responseTypeLabel_);
    column->addWidget(responseType_);

    connect(requestModel_, &QComboBox::activated, this, [this] {
        const QString code = requestModel_->currentData().toString();
        editEndpoint(
            [code](model::Endpoint& e) {
                const auto type = BodyChoices::apply(
                    code, e.requestBody ? std::optional(e.requestBody->type) : std::nullopt);
                if (!type) {
                    e.requestBody.reset();
                    return;
                }
                model::RequestBody body = e.requestBody.value_or(model::RequestBody{});
                body.type = *type;
                e.requestBody = body;
            },
            tr("Change request body of %1").arg(label()), {}, QStringLiteral("/request_body"));
    });
    connect(requestType_, &TypeEditor::edited, this,
            [this](const model::TypeSpec& type, const QString& what) {
                editEndpoint(
                    [type](model::Endpoint& e) {
                        if (e.requestBody) e.requestBody->type = type;
                    },
                    tr("Change %1 of the request body of %2").arg(what, label()),
                    QStringLiteral("request_body/") + what, QStringLiteral("/request_body"));
            });
    connect(requestRequired_, &QCheckBox::toggled, this, [this](bool on) {
        editEndpoint(
            [on](model::Endpoint& e) {
                if (e.requestBody) e.requestBody->required = on;
            },
            on ? tr("Require the request body of %1").arg(label())
               : tr("Make the request body of %1 optional").arg(label()),
            {}, QStringLiteral("/request_body"));
    });
    connect(responseType_, &TypeEditor::edited, this, &EndpointEditor::editResponseBody);
    connect(responseView_->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this] {
        document_->sealEdits();
        refresh();
    });
    connect(responses_, &ResponseTableModel::responseEdited, this,
            [this](int row, const model::Response& r, const QString& what) {
                editEndpoint([row, r](model::Endpoint& e) { e.responses[static_cast<std::size_t>(row)] = r; },
                             tr("Change %1 of response %2").arg(what).arg(r.status), {},
                             QStringLiteral("/responses/%1").arg(row));
            });
    connect(addResponse, &QPushButton::clicked, this, &EndpointEditor::addResponse);
    connect(removeResponse, &QPushButton::clicked, this, &EndpointEditor::removeResponse);
    connect(new QShortcut(QKeySequence::Delete, responseView_, nullptr, nullptr, Qt::WidgetShortcut),
            &QShortcut::activated, this, &EndpointEditor::removeResponse);
    return box;
}

QWidget* EndpointEditor::behaviourSection() {
    auto* box = new QGroupBox(tr("Behaviour when served"));
    auto* column = new QVBoxLayout(box);
    column->addWidget(behaviour_);
    connect(behaviour_, &BehaviourForm::edited, this, [this](const model::Behaviour& b, const QString& what) {
        editEndpoint([b](model::Endpoint& e) { e.behaviour = b; }, tr("Change %1 of %2").arg(what, label()),
                     QStringLiteral("behaviour/") + what, QStringLiteral("/behaviour"));
    });
    connect(behaviour_, &BehaviourForm::editFinished, document_, &ProjectDocument::sealEdits);
    return box;
}

QWidget* EndpointEditor::previewSection() {
    auto* previews = new QTabWidget;
    previews->addTab(fragment_, tr("OpenAPI"));
    previews->addTab(fragmentYaml_, tr("YAML"));
    previews->addTab(request_, tr("Sample request"));
    return previews;
}

void EndpointEditor::editParameter(const model::Field& field, const QString& what) {
    const int row = currentParameter();
    if (row < 0) return;
    editEndpoint(
        [row, field](model::Endpoint& e) {
            model::Parameter& p = e.parameters[static_cast<std::size_t>(row)];
            p.name = field.name;
            p.type = field.type;
            p.required = field.required;
            p.defaultValue = field.defaultValue;
            p.description = field.description;
            p.example = field.example;
        },
        tr("Change %1 of parameter ‘%2’").arg(what, q(field.name)),
        QStringLiteral("parameters/%1/%2").arg(row).arg(what), QStringLiteral("/parameters/%1").arg(row));
}

void EndpointEditor::editResponseBody(const model::TypeSpec& type, const QString& what) {
    const int row = currentResponse();
    if (row < 0) return;
    const int status = document_->project()
                           .endpoints[static_cast<std::size_t>(endpointIndex_)]
                           .responses[static_cast<std::size_t>(row)]
                           .status;
    editEndpoint([row, type](model::Endpoint& e) { e.responses[static_cast<std::size_t>(row)].body = type; },
                 tr("Change %1 of the body of response %2").arg(what).arg(status),
                 QStringLiteral("responses/%1/body/%2").arg(row).arg(what),
                 QStringLiteral("/responses/%1").arg(row));
}

int EndpointEditor::currentResponse() const {
    const QModelIndex current = responseView_->currentIndex();
    return current.isValid() && current.row() < responses_->rowCount() ? current.row() : -1;
}

int EndpointEditor::currentParameter() const {
    const QModelIndex current = parameterView_->currentIndex();
    return current.isValid() && current.row() < parameters_->rowCount() ? current.row() : -1;
}

QString EndpointEditor::label() const {
    const auto& endpoints = document_->project().endpoints;
    if (endpointIndex_ < 0 || endpointIndex_ >= static_cast<int>(endpoints.size())) return {};
    const model::Endpoint& e = endpoints[static_cast<std::size_t>(endpointIndex_)];
    return q(e.method + " " + e.path);
}

void EndpointEditor::editEndpoint(const Change& change, const QString& text, const QString& mergeKey,
                                  const QString& location) {
    const int i = endpointIndex_;
    if (i < 0) return;
    document_->edit([i, change](model::Project& p) { change(p.endpoints[static_cast<std::size_t>(i)]); },
                    text,
                    mergeKey.isEmpty() ? QString() : QStringLiteral("endpoints/%1/%2").arg(i).arg(mergeKey),
                    QStringLiteral("/endpoints/%1%2").arg(i).arg(location));
}

void EndpointEditor::showEndpoint(int index) {
    if (index != endpointIndex_) document_->sealEdits();
    endpointIndex_ = index;
    refresh();
}

void EndpointEditor::refresh() {
    const auto& project = document_->project();
    if (endpointIndex_ < 0 || endpointIndex_ >= static_cast<int>(project.endpoints.size())) return;
    const model::Endpoint& e = project.endpoints[static_cast<std::size_t>(endpointIndex_)];
    quiet::setText(id_, q(e.id));
    quiet::setCurrentData(method_, q(e.method));
    quiet::setText(path_, q(e.path));
    quiet::setText(summary_, q(e.summary));
    quiet::setText(description_, q(e.description));
    if (form::commaList(tags_->text()) != e.tags) quiet::setText(tags_, form::commaText(e.tags));
    quiet::setCurrentData(auth_, static_cast<int>(e.auth));
    quiet::setChecked(deprecated_, e.deprecated);
    QStringList modelNames;
    for (const model::Model& m : project.models)
        modelNames << q(m.name);
    {
        const QSignalBlocker block(requestModel_);
        const auto requestType = e.requestBody ? std::optional(e.requestBody->type) : std::nullopt;
        requestModel_->clear();
        for (const auto& [text, code] : BodyChoices::list(project, requestType))
            requestModel_->addItem(text, code);
        const QString code = BodyChoices::code(requestType);
        quiet::setCurrentData(requestModel_, code);
        requestType_->setVisible(code == QLatin1String(BodyChoices::kOther));
        if (requestType) {
            requestType_->setModelNames(modelNames);
            requestType_->setType(*requestType);
        }
    }
    quiet::setChecked(requestRequired_, e.requestBody && e.requestBody->required);
    requestRequired_->setEnabled(e.requestBody.has_value());
    parameters_->setParameters(e.parameters);
    const int param = currentParameter();
    paramForm_->setVisible(param >= 0);
    if (param >= 0) {
        paramForm_->setModelNames(modelNames);
        const model::Parameter& p = e.parameters[static_cast<std::size_t>(param)];
        paramForm_->setField(
            model::Field{p.name, p.type, p.required, p.defaultValue, p.description, p.example});
    }
    responses_->setResponses(e.responses);
    const int response = currentResponse();
    const std::optional<model::TypeSpec> responseBody =
        response >= 0 ? e.responses[static_cast<std::size_t>(response)].body : std::nullopt;
    const bool otherBody = BodyChoices::code(responseBody) == QLatin1String(BodyChoices::kOther);
    responseTypeLabel_->setVisible(otherBody);
    responseType_->setVisible(otherBody);
    if (otherBody) {
        responseTypeLabel_->setText(
            tr("Body of response %1:").arg(e.responses[static_cast<std::size_t>(response)].status));
        responseType_->setModelNames(modelNames);
        responseType_->setType(*responseBody);
    }
    behaviour_->setBehaviour(e.behaviour);
    refreshPathCheck(e);
    showProblems();
    const std::shared_ptr<const model::Project> snapshot = document_->snapshot();
    const auto i = static_cast<std::size_t>(endpointIndex_);
    const auto fragment = [snapshot, i](bool yaml) -> PreviewPane::Result {
        if (i >= snapshot->endpoints.size()) return {};
        try {
            const Json json = openapi::operationFragment(*snapshot, snapshot->endpoints[i]);
            return {QString::fromStdString(yaml ? openapi::toYaml(json) : openapi::toJsonText(json)), {}};
        } catch (const std::exception& failure) {
            return {{},
                    tr("No fragment while the design has this problem: %1")
                        .arg(QString::fromUtf8(failure.what()))};
        }
    };
    fragment_->setSource([fragment] { return fragment(false); });
    fragmentYaml_->setSource([fragment] { return fragment(true); });
    request_->setSource([snapshot, i]() -> PreviewPane::Result {
        if (i >= snapshot->endpoints.size()) return {};
        return sampleRequestText(snapshot, snapshot->endpoints[i]);
    });
}

void EndpointEditor::refreshPathCheck(const model::Endpoint& e) {
    const auto names = model::pathTemplateParams(e.path);
    QStringList notes;
    QStringList missing;
    if (!names) {
        notes << tr("The path template is malformed: check its braces and parameter names.");
    } else {
        for (const std::string& name : *names) {
            if (e.parameter(name, model::ParamLocation::Path) == nullptr) missing << q(name);
        }
        if (!missing.isEmpty()) {
            notes << tr("Not declared as path parameters: %1.").arg(missing.join(QStringLiteral(", ")));
        }
        for (const model::Parameter& p : e.parameters) {
            if (p.in == model::ParamLocation::Path &&
                std::find(names->begin(), names->end(), p.name) == names->end()) {
                notes << tr("Path parameter ‘%1’ is not in the path.").arg(q(p.name));
            }
        }
        if (notes.isEmpty() && !names->empty()) {
            notes << tr("Path parameters: %1 ✓").arg(form::commaText(*names));
        }
    }
    pathCheck_->setText(notes.join(QLatin1Char(' ')));
    pathCheck_->setVisible(!notes.isEmpty());
    addPathParams_->setVisible(!missing.isEmpty());
}

void EndpointEditor::showProblems() {
    markers_.show(document_->problems(), "/endpoints/" + std::to_string(endpointIndex_),
                  [this](const JsonPointer& pointer, std::size_t from) { return locate(pointer, from); });
}

QWidget* EndpointEditor::locate(const JsonPointer& pointer, std::size_t from) {
    const std::string& key = pointer.token(from);
    if (key == "id") return id_;
    if (key == "method") return method_;
    if (key == "path") return path_;
    if (key == "summary") return summary_;
    if (key == "description") return description_;
    if (key == "tags") return tags_;
    if (key == "auth") return auth_;
    if (key == "deprecated") return deprecated_;
    if (key == "request_body") {
        if (requestType_->isVisibleTo(this) && pointer.size() > from + 2 && pointer.token(from + 1) == "type")
            return requestType_->locate(pointer, from + 2);
        return requestModel_;
    }
    if (key == "parameters") {
        if (pointer.size() > from + 2 && pointer.indexAt(from + 1) == currentParameter()) {
            return paramForm_->locate(pointer, from + 2);
        }
        return parameterView_;
    }
    if (key == "responses") {
        if (responseType_->isVisibleTo(this) && pointer.size() > from + 3 &&
            pointer.indexAt(from + 1) == currentResponse() && pointer.token(from + 2) == "body") {
            return responseType_->locate(pointer, from + 3);
        }
        return responseView_;
    }
    if (key == "behaviour") return behaviour_->locate(pointer, from + 1);
    return path_;
}

void EndpointEditor::focusLocation(const JsonPointer& pointer, std::size_t from) {
    const std::string& key = pointer.token(from);
    const int row = pointer.indexAt(from + 1);
    if (key == "parameters" && row >= 0) {
        parameterView_->setCurrentIndex(parameters_->index(row, ParameterTableModel::NameColumn));
    }
    if (key == "responses" && row >= 0) responseView_->selectRow(row);
    if (QWidget* w = locate(pointer, from)) {
        w->setFocus(Qt::OtherFocusReason);
        // Bring the widget into view inside the scrolling form.
        for (QWidget* p = w->parentWidget(); p != nullptr; p = p->parentWidget()) {
            if (auto* scroll = qobject_cast<QScrollArea*>(p)) {
                scroll->ensureWidgetVisible(w);
                break;
            }
        }
    }
}

void EndpointEditor::addParameter() {
    const auto& e = document_->project().endpoints[static_cast<std::size_t>(endpointIndex_)];
    model::Parameter p;
    p.name = "param_" + std::to_string(e.parameters.size() + 1);
    const int row = static_cast<int>(e.parameters.size());
    editEndpoint([p](model::Endpoint& ep) { ep.parameters.push_back(p); },
                 tr("Add parameter ‘%1’ to %2").arg(q(p.name), label()), {},
                 QStringLiteral("/parameters/%1").arg(row));
    parameterView_->setFocus();
    parameterView_->setCurrentIndex(parameters_->index(row, ParameterTableModel::NameColumn));
}

void EndpointEditor::addPathParameters() {
    const auto& e = document_->project().endpoints[static_cast<std::size_t>(endpointIndex_)];
    const auto names = model::pathTemplateParams(e.path);
    if (!names) return;
    editEndpoint(
        [names](model::Endpoint& ep) {
            for (const std::string& name : *names) {
                if (ep.parameter(name, model::ParamLocation::Path) != nullptr) continue;
                model::Parameter p;
                p.name = name;
                p.in = model::ParamLocation::Path;
                p.required = true;
                ep.parameters.push_back(p);
            }
        },
        tr("Declare the path parameters of %1").arg(label()), {}, QStringLiteral("/parameters"));
}

void EndpointEditor::removeParameter() {
    const int row = parameterView_->currentIndex().row();
    if (row < 0 || row >= parameters_->rowCount()) return;
    const auto& e = document_->project().endpoints[static_cast<std::size_t>(endpointIndex_)];
    const QString name = q(e.parameters[static_cast<std::size_t>(row)].name);
    editEndpoint([row](model::Endpoint& ep) { ep.parameters.erase(ep.parameters.begin() + row); },
                 tr("Remove parameter ‘%1’ from %2").arg(name, label()), {}, QStringLiteral("/parameters"));
}

void EndpointEditor::addResponse() {
    const auto& e = document_->project().endpoints[static_cast<std::size_t>(endpointIndex_)];
    model::Response r;
    // The next free status: 200 first, then 201, ... so a new row never duplicates one.
    r.status = e.responses.empty() ? 200 : 422;
    while (std::any_of(e.responses.begin(), e.responses.end(),
                       [&](const auto& x) { return x.status == r.status; })) {
        ++r.status;
    }
    r.description = r.status == 422 ? "Validation error" : "Success";
    const int row = static_cast<int>(e.responses.size());
    editEndpoint([r](model::Endpoint& ep) { ep.responses.push_back(r); },
                 tr("Add response %1 to %2").arg(r.status).arg(label()), {},
                 QStringLiteral("/responses/%1").arg(row));
    responseView_->setFocus();
    responseView_->setCurrentIndex(responses_->index(row, ResponseTableModel::StatusColumn));
}

void EndpointEditor::removeResponse() {
    const int row = responseView_->currentIndex().row();
    if (row < 0 || row >= responses_->rowCount()) return;
    const auto& e = document_->project().endpoints[static_cast<std::size_t>(endpointIndex_)];
    const int status = e.responses[static_cast<std::size_t>(row)].status;
    editEndpoint([row](model::Endpoint& ep) { ep.responses.erase(ep.responses.begin() + row); },
                 tr("Remove response %1 from %2").arg(status).arg(label()), {}, QStringLiteral("/responses"));
}

}  // namespace loadstar::widgets
