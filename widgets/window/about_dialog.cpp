#include "widgets/window/about_dialog.h"

#include <QApplication>
#include <QClipboard>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSysInfo>
#include <QVBoxLayout>

#include "engine/results/run_result.h"
#include "engine/server/docs_page.h"
#include "widgets/common/resource_icon.h"

namespace loadstar::widgets {

QList<QPair<QString, QString>> AboutDialog::versions() {
    const results::Environment e = results::Environment::capture();
    const QString qtRuntime = QString::fromLatin1(qVersion());
    const QString qtBuilt = QStringLiteral(QT_VERSION_STR);
    const auto text = [](std::string_view s) {
        return QString::fromUtf8(s.data(), static_cast<qsizetype>(s.size()));
    };
    return {
        {tr("Loadstar"), text(e.loadstarVersion)},
        {tr("Qt"), qtRuntime == qtBuilt ? qtRuntime : tr("%1 (built with %2)").arg(qtRuntime, qtBuilt)},
        {tr("Boost"), text(e.boostVersion)},
        {tr("OpenSSL"), text(e.opensslVersion)},
        {tr("Compiler"), text(e.compiler)},
        {tr("Swagger UI"), text(server::swaggerUiVersion())},
        {tr("ReDoc"), text(server::redocVersion())},
        {tr("System"), QSysInfo::prettyProductName() + QStringLiteral(", ") + QSysInfo::kernelType() +
                           QLatin1Char(' ') + QSysInfo::kernelVersion() + QStringLiteral(", ") +
                           QGuiApplication::platformName()},
    };
}

QString AboutDialog::versionsText() {
    QString out;
    for (const auto& [name, version] : versions())
        out += name + QStringLiteral(": ") + version + QLatin1Char('\n');
    return out;
}

AboutDialog::AboutDialog(QWidget* parent) : QDialog(parent) {
    setWindowTitle(tr("About Loadstar"));
    setObjectName(QStringLiteral("aboutDialog"));

    auto* icon = new QLabel;
    icon->setPixmap(applicationIcon().pixmap(96, 96));
    icon->setAlignment(Qt::AlignTop);
    auto* title = new QLabel(tr("<h2>Loadstar %1</h2>").arg(QApplication::applicationVersion()));
    auto* blurb = new QLabel(
        tr("A workbench for designing and load-testing HTTP APIs: design typed endpoints, serve them from "
           "an embedded server, load them and watch latency, throughput, errors and the server's CPU and "
           "memory live."));
    blurb->setWordWrap(true);
    auto* table = new QFormLayout;
    table->setLabelAlignment(Qt::AlignRight);
    for (const auto& [name, version] : versions()) {
        auto* value = new QLabel(version);
        value->setTextInteractionFlags(Qt::TextSelectableByMouse);
        value->setWordWrap(true);
        table->addRow(name + QLatin1Char(':'), value);
    }
    auto* text = new QVBoxLayout;
    text->addWidget(title);
    text->addWidget(blurb);
    text->addSpacing(8);
    text->addLayout(table);
    auto* top = new QHBoxLayout;
    top->addWidget(icon);
    top->addSpacing(12);
    top->addLayout(text, 1);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close);
    QPushButton* copy = buttons->addButton(tr("Copy Versions"), QDialogButtonBox::ActionRole);
    copy->setObjectName(QStringLiteral("copyVersions"));
    connect(copy, &QPushButton::clicked, this, [] { QGuiApplication::clipboard()->setText(versionsText()); });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(buttons);
    setMinimumWidth(520);
}

}  // namespace loadstar::widgets
