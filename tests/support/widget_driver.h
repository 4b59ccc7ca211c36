#pragma once

#include <QApplication>
#include <QComboBox>
#include <QDeadlineTimer>
#include <QLineEdit>
#include <QTest>
#include <QWidget>

#include <gtest/gtest.h>

#include "widgets/window/main_window.h"

// Drives widgets the way a user does: focus, keystrokes, clicks.
namespace loadstar::testing {

// Replaces the text of `edit` by typing, then presses Return (which ends the edit).
inline void typeInto(QLineEdit* edit, const QString& text) {
    ASSERT_NE(edit, nullptr);
    edit->setFocus(Qt::TabFocusReason);
    edit->selectAll();
    QTest::keyClick(edit, Qt::Key_Backspace);
    QTest::keyClicks(edit, text);
    QTest::keyClick(edit, Qt::Key_Return);
}

// Picks the entry labelled `text` with the arrow keys, as a keyboard user would.
inline void choose(QComboBox* combo, const QString& text) {
    ASSERT_NE(combo, nullptr);
    const int target = combo->findText(text);
    ASSERT_GE(target, 0) << text.toStdString();
    combo->setFocus(Qt::TabFocusReason);
    for (int guard = 0; combo->currentIndex() != target && guard < 100; ++guard) {
        QTest::keyClick(combo, combo->currentIndex() < target ? Qt::Key_Down : Qt::Key_Up);
    }
    ASSERT_EQ(combo->currentIndex(), target);
}

template <typename T>
T* find(const QObject* parent, const char* name) {
    T* child = parent->findChild<T*>(QString::fromLatin1(name));
    EXPECT_NE(child, nullptr) << name;
    return child;
}

// Waits (processing events) until `done` holds or a deadline passes. The deadline
// only matters when the condition never comes, so it is far beyond what a loaded
// 2-core machine under a sanitizer needs.
template <typename Predicate>
bool waitFor(Predicate done, int ms = 30000) {
    QDeadlineTimer deadline(ms);
    while (!done() && !deadline.hasExpired())
        QTest::qWait(10);
    return done();
}

// The `loadstar` that serves in tests: the one built here, or LOADSTAR_TEST_SERVE_BINARY
// (to try the panel against another build of the server).
inline QString serveBinary() {
    return qEnvironmentVariable("LOADSTAR_TEST_SERVE_BINARY", QStringLiteral(LOADSTAR_BINARY));
}

// A shown, active window with throwaway settings and recovery folder.
inline widgets::MainWindowOptions isolatedOptions(const std::filesystem::path& dir) {
    widgets::MainWindowOptions options;
    options.settingsFile = QString::fromStdString((dir / "settings.ini").string());
    options.recoveryDir = QString::fromStdString((dir / "recovery").string());
    options.autosaveIntervalMs = 3'600'000;  // tests call autosaveNow() themselves
    return options;
}

inline void showAndActivate(QWidget* window) {
    window->show();
    window->activateWindow();
    EXPECT_TRUE(QTest::qWaitForWindowActive(window));
}

}  // namespace loadstar::testing
