#pragma once

#include <QDialog>
#include <QList>
#include <QPair>
#include <QString>

namespace loadstar::widgets {

// Help → About Loadstar: what this is, and the versions of everything it is built
// from and runs on (Qt at run time and at build time, Boost, OpenSSL, the compiler,
// the embedded Swagger UI and ReDoc, the system), with a button that copies them
// for a bug report.
class AboutDialog : public QDialog {
    Q_OBJECT

  public:
    explicit AboutDialog(QWidget* parent = nullptr);

    // The rows shown, name and version, in order.
    static QList<QPair<QString, QString>> versions();
    // The rows as plain text, one "Name: version" a line (what Copy puts on the clipboard).
    static QString versionsText();
};

}  // namespace loadstar::widgets
