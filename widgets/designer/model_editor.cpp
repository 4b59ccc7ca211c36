#include "widgets/designer/model_editor.h"

#include <QComboBox>
#include <QFormLayout>
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
#include <QToolButton>
#include <QVBoxLayout>

#include "engine/model/model_references.h"
#include "engine/openapi/exporter.h"
#include "engine/schema/sample_generator.h"
#include "widgets/common/form_fields.h"
#include "widgets/common/quiet_update.h"
#include "widgets/designer/field_form.h"
#include "widgets/designer/field_table_model.h"
#include "widgets/designer/preview_pane.h"
#include "widgets/designer/type_editor.h"
#include "widgets/document/project_document.h"

namespace loadstar::widgets {

namespace {

QString q(const std::string& s) {
    return QString::fromStdString(s);
}

std::string uniqueFieldName(const model::Model& m, const std::string& base) {
    for (int n = 1;; ++n) {
        const std::string name = n == 1 && base != "field" ? base : base + "_" + std::to_string(n);
        if (m.field(name) == nullptr) return name;
    }
}

}  // namespace

ModelEditor::ModelEditor(ProjectDocument* document, QWidget* parent)
    : QWidget(parent),
      document_(document),
      name_(new QLineEdit),
      description_(new QLineEdit),
      extra_(new QComboBox),
      banner_(new QLabel),
      markers_(banner_),
      fields_(new FieldTableModel(this)),
      table_(new QTableView),
      add_(new QPushButton(tr("&Add field"))),
      remove_(new QPushButton(tr("&Remove"))),
      up_(new QPushButton(tr("Move &up"))),
      down_(new QPushButton(tr("Move do&wn"))),
      duplicate_(new QPushButton(tr("Du&plicate"))),
      fieldPane_(new QWidget),
      fieldForm_(new FieldForm),
      sample_(new PreviewPane),
      schema_(new PreviewPane) {
    auto* left = new QWidget;
    auto* leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->addLayout(modelSection());
    leftLayout->addWidget(banner_);
    auto* tableAndForm = new QSplitter(Qt::Vertical);
    tableAndForm->addWidget(fieldTableSection());
    tableAndForm->addWidget(fieldSection());
    tableAndForm->setStretchFactor(0, 2);
    tableAndForm->setStretchFactor(1, 3);
    leftLayout->addWidget(tableAndForm, 1);

    auto* split = new QSplitter(Qt::Horizontal);
    split->addWidget(left);
    split->addWidget(previewSection());
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(split);

    connect(document_, &ProjectDocument::projectChanged, this, &ModelEditor::refresh);
}

QLayout* ModelEditor::modelSection() {
    name_->setObjectName("modelName");
    description_->setObjectName("modelDescription");
    extra_->setObjectName("extra");
    extra_->addItem(tr("ignore unknown keys"), static_cast<int>(model::ExtraFields::Ignore));
    extra_->addItem(tr("reject unknown keys (422)"), static_cast<int>(model::ExtraFields::Forbid));
    extra_->addItem(tr("allow and keep unknown keys"), static_cast<int>(model::ExtraFields::Allow));
    auto* rows = new QFormLayout;
    rows->addRow(tr("Model &name"), name_);
    rows->addRow(tr("D&escription"), description_);
    rows->addRow(tr("Unknown &keys"), extra_);

    form::onTextEdited(name_, document_, [this](const QString& text) { editName(text); });
    form::onTextEdited(description_, document_, [this](const QString& text) {
        const int i = modelIndex_;
        document_->edit(
            [i, text](model::Project& p) {
                p.models[static_cast<std::size_t>(i)].description = text.toStdString();
            },
            tr("Change description of model ‘%1’").arg(modelName()),
            QStringLiteral("models/%1/description").arg(i), QStringLiteral("/models/%1/description").arg(i));
    });
    connect(extra_, &QComboBox::activated, this, [this] {
        const int i = modelIndex_;
        const auto extra = static_cast<model::ExtraFields>(extra_->currentData().toInt());
        document_->edit(
            [i, extra](model::Project& p) { p.models[static_cast<std::size_t>(i)].extra = extra; },
            tr("Change unknown keys of model ‘%1’ to %2").arg(modelName(), q(model::toString(extra))), {},
            QStringLiteral("/models/%1/extra").arg(i));
    });
    return rows;
}

QWidget* ModelEditor::fieldTableSection() {
    table_->setModel(fields_);
    table_->setObjectName("fields");
    table_->setSelectionBehavior(QAbstractItemView::SelectRows);
    table_->setSelectionMode(QAbstractItemView::SingleSelection);
    table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table_->verticalHeader()->hide();
    table_->horizontalHeader()->setStretchLastSection(true);
    table_->horizontalHeader()->setSectionResizeMode(FieldTableModel::ConstraintsColumn,
                                                     QHeaderView::Interactive);
    table_->setAlternatingRowColors(true);
    table_->setWordWrap(false);
    add_->setObjectName("addField");
    add_->setToolTip(tr("Add a field after the selected one"));
    remove_->setObjectName("removeField");
    remove_->setToolTip(tr("Remove the selected field (Delete)"));
    up_->setObjectName("moveFieldUp");
    down_->setObjectName("moveFieldDown");
    duplicate_->setObjectName("duplicateField");
    auto* section = new QWidget;
    auto* column = new QVBoxLayout(section);
    column->setContentsMargins(0, 0, 0, 0);
    column->addWidget(table_, 1);
    column->addLayout(form::buttonRow({add_, remove_, up_, down_, duplicate_}));

    connect(table_->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this] {
        document_->sealEdits();
        refresh();
    });
    connect(add_, &QPushButton::clicked, this, &ModelEditor::addField);
    connect(remove_, &QPushButton::clicked, this, &ModelEditor::removeField);
    connect(up_, &QPushButton::clicked, this, [this] { moveField(-1); });
    connect(down_, &QPushButton::clicked, this, [this] { moveField(+1); });
    connect(duplicate_, &QPushButton::clicked, this, &ModelEditor::duplicateField);
    auto* deleteKey = new QShortcut(QKeySequence::Delete, table_, nullptr, nullptr, Qt::WidgetShortcut);
    connect(deleteKey, &QShortcut::activated, this, &ModelEditor::removeField);
    return section;
}

QWidget* ModelEditor::fieldSection() {
    auto* column = new QVBoxLayout(fieldPane_);
    column->setContentsMargins(0, 0, 0, 0);
    column->addWidget(new QLabel(tr("<b>Selected field</b>")));
    column->addWidget(fieldForm_);
    column->addStretch(1);

    connect(fieldForm_, &FieldForm::editFinished, document_, &ProjectDocument::sealEdits);
    connect(fieldForm_, &FieldForm::edited, this, &ModelEditor::editField);
    return form::scrolling(fieldPane_);
}

QWidget* ModelEditor::previewSection() {
    auto* previews = new QTabWidget;
    previews->setObjectName("modelPreviews");
    previews->addTab(schema_, tr("JSON Schema"));
    previews->addTab(sample_, tr("Sample body"));
    auto* another = new QToolButton;
    another->setObjectName("anotherSample");
    another->setText(tr("Another sample"));
    another->setToolTip(tr("Generate a different valid sample body"));
    another->setAutoRaise(true);
    previews->setCornerWidget(another);
    connect(another, &QToolButton::clicked, this, [this, previews] {
        ++sampleSeed_;
        previews->setCurrentWidget(sample_);
        refreshPreviews();
    });
    return previews;
}

void ModelEditor::editName(const QString& text) {
    const int i = modelIndex_;
    const std::string to = text.toStdString();
    document_->edit(
        [i, to](model::Project& p) {
            const std::string from = p.models[static_cast<std::size_t>(i)].name;
            const auto same = std::count_if(p.models.begin(), p.models.end(),
                                            [&](const model::Model& m) { return m.name == from; });
            // With a duplicate name the references are ambiguous: leave them where they are.
            // An empty name is a step of retyping one, so references follow it too.
            if (same == 1) {
                model::renameModelEverywhere(p, from, to);
            } else {
                p.models[static_cast<std::size_t>(i)].name = to;
            }
        },
        [i](const model::Project& before, const model::Project& after) {
            return tr("Rename model ‘%1’ to ‘%2’")
                .arg(q(before.models[static_cast<std::size_t>(i)].name),
                     q(after.models[static_cast<std::size_t>(i)].name));
        },
        QStringLiteral("models/%1/name").arg(i), QStringLiteral("/models/%1/name").arg(i));
}

void ModelEditor::editField(const model::Field& field, const QString& what) {
    const int i = modelIndex_;
    const int row = currentField();
    if (row < 0) return;
    const auto fieldOf = [i, row](const model::Project& p) -> const model::Field& {
        return p.models[static_cast<std::size_t>(i)].fields[static_cast<std::size_t>(row)];
    };
    ProjectEditCommand::Describe describe;
    if (what == QLatin1String("name")) {
        describe = [fieldOf](const model::Project& before, const model::Project& after) {
            return tr("Rename field ‘%1’ to ‘%2’").arg(q(fieldOf(before).name), q(fieldOf(after).name));
        };
    } else {
        describe = [fieldOf, what](const model::Project&, const model::Project& after) {
            return tr("Change %1 of %2").arg(what, q(fieldOf(after).name));
        };
    }
    document_->edit(
        [i, row, field](model::Project& p) {
            p.models[static_cast<std::size_t>(i)].fields[static_cast<std::size_t>(row)] = field;
        },
        describe, QStringLiteral("models/%1/fields/%2/%3").arg(i).arg(row).arg(what),
        QStringLiteral("/models/%1/fields/%2").arg(i).arg(row));
}

QString ModelEditor::modelName() const {
    const auto& models = document_->project().models;
    return modelIndex_ >= 0 && modelIndex_ < static_cast<int>(models.size())
               ? q(models[static_cast<std::size_t>(modelIndex_)].name)
               : QString();
}

void ModelEditor::showModel(int index) {
    if (index != modelIndex_) {
        document_->sealEdits();
        modelIndex_ = index;
        refresh();
        selectField(0);
    }
    refresh();
}

int ModelEditor::currentField() const {
    const QModelIndex current = table_->currentIndex();
    return current.isValid() ? current.row() : -1;
}

void ModelEditor::selectField(int row) {
    if (row < 0 || row >= fields_->rowCount()) return;
    table_->setCurrentIndex(fields_->index(row, FieldTableModel::NameColumn));
    table_->selectRow(row);
}

void ModelEditor::refresh() {
    const auto& models = document_->project().models;
    if (modelIndex_ < 0 || modelIndex_ >= static_cast<int>(models.size())) return;
    const model::Model& m = models[static_cast<std::size_t>(modelIndex_)];
    quiet::setText(name_, q(m.name));
    quiet::setText(description_, q(m.description));
    quiet::setCurrentData(extra_, static_cast<int>(m.extra));
    const int previous = currentField();
    fields_->setFields(m.fields);
    int row = currentField();
    if (row < 0 && !m.fields.empty()) {
        const QSignalBlocker block(table_->selectionModel());
        row = std::clamp(previous, 0, static_cast<int>(m.fields.size()) - 1);
        selectField(row);
    }
    QStringList names;
    for (const model::Model& other : models)
        names << q(other.name);
    fieldForm_->setModelNames(names);
    const bool hasField = row >= 0 && row < static_cast<int>(m.fields.size());
    fieldPane_->setEnabled(hasField);
    if (hasField) fieldForm_->setField(m.fields[static_cast<std::size_t>(row)]);
    updateButtons();
    showProblems();
    refreshPreviews();
}

void ModelEditor::refreshPreviews() {
    const std::shared_ptr<const model::Project> snapshot = document_->snapshot();
    const auto i = static_cast<std::size_t>(modelIndex_);
    const std::uint64_t seed = sampleSeed_;
    sample_->setSource([snapshot, i, seed]() -> PreviewPane::Result {
        if (i >= snapshot->models.size()) return {};
        // Every optional field and the designer's own examples: the preview shows the whole shape.
        schema::SampleOptions options;
        options.allOptionalFields = true;
        options.preferExamples = true;
        schema::SampleGenerator samples(snapshot, seed, options);
        const std::string& name = snapshot->models[i].name;
        if (!samples.canGenerateModel(name)) {
            return {{},
                    tr("No valid body can be generated for this model as it is designed (see Problems).")};
        }
        return {QString::fromStdString(openapi::toJsonText(samples.modelValue(name))), {}};
    });
    schema_->setSource([snapshot, i]() -> PreviewPane::Result {
        if (i >= snapshot->models.size()) return {};
        try {
            return {QString::fromStdString(
                        openapi::toJsonText(openapi::modelSchema(*snapshot, snapshot->models[i]))),
                    {}};
        } catch (const std::exception& e) {
            return {{},
                    tr("No schema while the design has this problem: %1").arg(QString::fromUtf8(e.what()))};
        }
    });
}

void ModelEditor::showProblems() {
    markers_.show(document_->problems(), "/models/" + std::to_string(modelIndex_),
                  [this](const JsonPointer& pointer, std::size_t from) {
                      // Only the selected field's widgets are on screen.
                      if (pointer.token(from) == "fields" && pointer.indexAt(from + 1) != currentField()) {
                          return static_cast<QWidget*>(nullptr);
                      }
                      return locate(pointer, from);
                  });
}

QWidget* ModelEditor::locate(const JsonPointer& pointer, std::size_t from) {
    const std::string& key = pointer.token(from);
    if (key == "name") return name_;
    if (key == "description") return description_;
    if (key == "extra") return extra_;
    if (key == "fields") {
        if (pointer.size() <= from + 2) return table_;
        return fieldForm_->locate(pointer, from + 2);
    }
    return name_;
}

void ModelEditor::focusLocation(const JsonPointer& pointer, std::size_t from) {
    if (pointer.token(from) == "fields" && pointer.indexAt(from + 1) >= 0)
        selectField(pointer.indexAt(from + 1));
    if (QWidget* w = locate(pointer, from)) w->setFocus(Qt::OtherFocusReason);
}

void ModelEditor::updateButtons() {
    const int row = currentField();
    const int count = fields_->rowCount();
    remove_->setEnabled(row >= 0);
    duplicate_->setEnabled(row >= 0);
    up_->setEnabled(row > 0);
    down_->setEnabled(row >= 0 && row + 1 < count);
}

void ModelEditor::addField() {
    const int i = modelIndex_;
    const int at = currentField() < 0 ? fields_->rowCount() : currentField() + 1;
    const model::Model& m = document_->project().models[static_cast<std::size_t>(i)];
    model::Field field;
    field.name = uniqueFieldName(m, "field");
    document_->edit(
        [i, at, field](model::Project& p) {
            auto& fields = p.models[static_cast<std::size_t>(i)].fields;
            fields.insert(fields.begin() + at, field);
        },
        tr("Add field ‘%1’ to %2").arg(q(field.name), modelName()), {},
        QStringLiteral("/models/%1/fields/%2").arg(i).arg(at));
    selectField(at);
    fieldForm_->nameEdit()->setFocus();
    fieldForm_->nameEdit()->selectAll();
}

void ModelEditor::removeField() {
    const int i = modelIndex_;
    const int row = currentField();
    if (row < 0) return;
    const QString name = q(
        document_->project().models[static_cast<std::size_t>(i)].fields[static_cast<std::size_t>(row)].name);
    document_->edit(
        [i, row](model::Project& p) {
            auto& fields = p.models[static_cast<std::size_t>(i)].fields;
            fields.erase(fields.begin() + row);
        },
        tr("Remove field ‘%1’ from %2").arg(name, modelName()), {}, QStringLiteral("/models/%1").arg(i));
    selectField(std::min(row, fields_->rowCount() - 1));
}

void ModelEditor::moveField(int delta) {
    const int i = modelIndex_;
    const int row = currentField();
    const int to = row + delta;
    if (row < 0 || to < 0 || to >= fields_->rowCount()) return;
    const QString name = q(
        document_->project().models[static_cast<std::size_t>(i)].fields[static_cast<std::size_t>(row)].name);
    document_->edit(
        [i, row, to](model::Project& p) {
            auto& fields = p.models[static_cast<std::size_t>(i)].fields;
            std::swap(fields[static_cast<std::size_t>(row)], fields[static_cast<std::size_t>(to)]);
        },
        delta < 0 ? tr("Move field ‘%1’ up").arg(name) : tr("Move field ‘%1’ down").arg(name), {},
        QStringLiteral("/models/%1/fields/%2").arg(i).arg(to));
    selectField(to);
}

void ModelEditor::duplicateField() {
    const int i = modelIndex_;
    const int row = currentField();
    if (row < 0) return;
    const model::Model& m = document_->project().models[static_cast<std::size_t>(i)];
    model::Field copy = m.fields[static_cast<std::size_t>(row)];
    const QString original = q(copy.name);
    copy.name = uniqueFieldName(m, copy.name + "_copy");
    document_->edit(
        [i, row, copy](model::Project& p) {
            auto& fields = p.models[static_cast<std::size_t>(i)].fields;
            fields.insert(fields.begin() + row + 1, copy);
        },
        tr("Duplicate field ‘%1’").arg(original), {},
        QStringLiteral("/models/%1/fields/%2").arg(i).arg(row + 1));
    selectField(row + 1);
}

}  // namespace loadstar::widgets
