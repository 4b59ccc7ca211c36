#pragma once

#include <functional>
#include <string>
#include <vector>

#include <QString>
#include <QStringList>

#include "engine/model/duration.h"

class QAbstractButton;
class QDoubleSpinBox;
class QFormLayout;
class QGroupBox;
class QHBoxLayout;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QScrollArea;
class QSpinBox;
class QWidget;

namespace loadstar::widgets {

class ProjectDocument;

// The pieces the editors (settings, model, endpoint, scenario, behaviour) build
// their forms from, so that a field looks and behaves the same in each: how a
// section, a number box or a duration field is made, and how a field's edits
// reach the project document (one undo step per change, sealed when the user
// leaves the field).
namespace form {

// A titled group whose form lets its fields grow with the width.
struct Section {
    QGroupBox* box;
    QFormLayout* form;
};
Section section(const QString& title);
QFormLayout* growingForm(QWidget* parent = nullptr);

// A pane inside a frameless scroll area that resizes it.
QScrollArea* scrolling(QWidget* pane);
// Buttons side by side, left-aligned.
QHBoxLayout* buttonRow(std::initializer_list<QAbstractButton*> buttons);

QSpinBox* spinBox(int lo, int hi, const char* name, const QString& suffix = {}, const QString& special = {});
// A rate in requests per second (0.1 to 10 million).
QDoubleSpinBox* rateBox(const char* name);
QLineEdit* durationEdit(const char* name, const QString& placeholder);
// Several lines of text: Tab leaves it, and it is `lines` lines high at most.
QPlainTextEdit* textBox(const char* name, int lines);
// A hidden, word-wrapped label for the problems of the field above it.
QLabel* errorLabel(const char* name);
// Shows `errors` one per line in the failure colour, or hides the label when there are none.
void showErrors(QLabel* label, const QStringList& errors);

// "a, b" <-> {"a", "b"}; empty entries are dropped.
QString commaText(const std::vector<std::string>& items);
std::vector<std::string> commaList(const QString& text);

// Shows `value` unless the user is typing in the field: a text that does not
// read as a duration yet, or one that means `value` already, stays as it is.
void showDuration(QLineEdit* edit, model::Duration value);

// Calls `changed` as the user edits the field; the document seals the edit (one
// undo step for the whole typing) when the user leaves it.
void onTextEdited(QLineEdit* edit, ProjectDocument* document, std::function<void(const QString&)> changed);
void onValueChanged(QSpinBox* box, ProjectDocument* document, std::function<void(int)> changed);
void onValueChanged(QDoubleSpinBox* box, ProjectDocument* document, std::function<void(double)> changed);
// A text that does not read as a duration changes nothing; the field's tooltip says what to write.
void onDurationEdited(QLineEdit* edit, ProjectDocument* document,
                      std::function<void(model::Duration)> changed);

}  // namespace form

}  // namespace loadstar::widgets
