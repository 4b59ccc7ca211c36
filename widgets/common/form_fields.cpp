#include "widgets/common/form_fields.h"

#include <QAbstractButton>
#include <QCoreApplication>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QScrollArea>
#include <QSpinBox>

#include "widgets/common/chart_style.h"
#include "widgets/common/quiet_update.h"
#include "widgets/document/project_document.h"

namespace loadstar::widgets::form {

Section section(const QString& title) {
    auto* box = new QGroupBox(title);
    return {box, growingForm(box)};
}

QFormLayout* growingForm(QWidget* parent) {
    auto* form = new QFormLayout(parent);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    return form;
}

QScrollArea* scrolling(QWidget* pane) {
    auto* scroll = new QScrollArea;
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidget(pane);
    return scroll;
}

QHBoxLayout* buttonRow(std::initializer_list<QAbstractButton*> buttons) {
    auto* row = new QHBoxLayout;
    for (QAbstractButton* b : buttons)
        row->addWidget(b);
    row->addStretch(1);
    return row;
}

QSpinBox* spinBox(int lo, int hi, const char* name, const QString& suffix, const QString& special) {
    auto* s = new QSpinBox;
    s->setRange(lo, hi);
    s->setObjectName(QString::fromLatin1(name));
    s->setSuffix(suffix);
    s->setSpecialValueText(special);
    s->setGroupSeparatorShown(true);
    return s;
}

QDoubleSpinBox* rateBox(const char* name) {
    auto* rate = new QDoubleSpinBox;
    rate->setObjectName(QString::fromLatin1(name));
    rate->setRange(0.1, 1e7);
    rate->setDecimals(1);
    rate->setSuffix(QCoreApplication::translate("form", " requests/s"));
    return rate;
}

QLineEdit* durationEdit(const char* name, const QString& placeholder) {
    auto* e = new QLineEdit;
    e->setObjectName(QString::fromLatin1(name));
    e->setPlaceholderText(placeholder);
    return e;
}

QPlainTextEdit* textBox(const char* name, int lines) {
    auto* box = new QPlainTextEdit;
    box->setObjectName(QString::fromLatin1(name));
    box->setTabChangesFocus(true);
    box->setMaximumHeight(box->fontMetrics().lineSpacing() * lines);
    return box;
}

QLabel* errorLabel(const char* name) {
    auto* l = new QLabel;
    l->setObjectName(QString::fromLatin1(name));
    l->setWordWrap(true);
    l->setTextFormat(Qt::PlainText);
    l->hide();
    return l;
}

void showErrors(QLabel* label, const QStringList& errors) {
    QPalette p = label->palette();
    p.setColor(QPalette::WindowText, ChartStyle::fail(label->palette()));
    label->setPalette(p);
    label->setText(errors.join(QLatin1Char('\n')));
    label->setVisible(!errors.isEmpty());
}

QString commaText(const std::vector<std::string>& items) {
    QStringList out;
    for (const std::string& s : items)
        out << QString::fromStdString(s);
    return out.join(QStringLiteral(", "));
}

std::vector<std::string> commaList(const QString& text) {
    std::vector<std::string> out;
    for (const QString& part : text.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        if (!part.trimmed().isEmpty()) out.push_back(part.trimmed().toStdString());
    }
    return out;
}

void showDuration(QLineEdit* edit, model::Duration value) {
    if (edit->hasFocus()) {
        // Typing "5" on the way to "50ms" must not be rewritten to "5ms" under the cursor.
        if (!edit->toolTip().isEmpty()) return;
        if (model::parseDuration(edit->text().trimmed().toStdString()) == value) return;
    }
    quiet::setText(edit, QString::fromStdString(model::formatDuration(value)));
}

void onTextEdited(QLineEdit* edit, ProjectDocument* document, std::function<void(const QString&)> changed) {
    QObject::connect(edit, &QLineEdit::textEdited, edit, std::move(changed));
    QObject::connect(edit, &QLineEdit::editingFinished, document, &ProjectDocument::sealEdits);
}

void onValueChanged(QSpinBox* box, ProjectDocument* document, std::function<void(int)> changed) {
    QObject::connect(box, &QSpinBox::valueChanged, box, std::move(changed));
    QObject::connect(box, &QSpinBox::editingFinished, document, &ProjectDocument::sealEdits);
}

void onValueChanged(QDoubleSpinBox* box, ProjectDocument* document, std::function<void(double)> changed) {
    QObject::connect(box, &QDoubleSpinBox::valueChanged, box, std::move(changed));
    QObject::connect(box, &QDoubleSpinBox::editingFinished, document, &ProjectDocument::sealEdits);
}

void onDurationEdited(QLineEdit* edit, ProjectDocument* document,
                      std::function<void(model::Duration)> changed) {
    QObject::connect(edit, &QLineEdit::textEdited, edit, [edit, changed](const QString& text) {
        const auto parsed = model::parseDuration(text.trimmed().toStdString());
        if (!parsed) {
            edit->setToolTip(
                QCoreApplication::translate("form", "Write a duration such as 500ms, 10s or 2m"));
            return;
        }
        edit->setToolTip({});
        changed(*parsed);
    });
    QObject::connect(edit, &QLineEdit::editingFinished, document, &ProjectDocument::sealEdits);
}

}  // namespace loadstar::widgets::form
