#pragma once

#include <QAbstractButton>
#include <QComboBox>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QSignalBlocker>
#include <QSpinBox>

// Editors show the document after every change, including the user's own
// keystrokes. These setters change a widget only when its value differs and
// without emitting its signals, so the cursor stays put and no edit loops back.
namespace loadstar::widgets::quiet {

inline void setText(QLineEdit* edit, const QString& text) {
    if (edit->text() == text) return;
    const QSignalBlocker block(edit);
    edit->setText(text);
}

inline void setPlainText(QPlainTextEdit* edit, const QString& text) {
    if (edit->toPlainText() == text) return;
    const QSignalBlocker block(edit);
    edit->setPlainText(text);
}

inline void setChecked(QAbstractButton* button, bool checked) {
    const QSignalBlocker block(button);
    button->setChecked(checked);
}

inline void setValue(QSpinBox* spin, int value) {
    if (spin->value() == value) return;
    const QSignalBlocker block(spin);
    spin->setValue(value);
}

inline void setValue(QDoubleSpinBox* spin, double value) {
    if (spin->value() == value) return;
    const QSignalBlocker block(spin);
    spin->setValue(value);
}

// Selects the entry whose data is `data`; adds it (as text) when it is missing.
inline void setCurrentData(QComboBox* combo, const QVariant& data) {
    const QSignalBlocker block(combo);
    int i = combo->findData(data);
    if (i < 0) {
        combo->addItem(data.toString(), data);
        i = combo->count() - 1;
    }
    combo->setCurrentIndex(i);
}

}  // namespace loadstar::widgets::quiet
