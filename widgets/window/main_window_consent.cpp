#include <QMessageBox>
#include <QPushButton>

#include "widgets/cockpit/remote_consent.h"
#include "widgets/window/main_window.h"
#include "widgets/window/message_bar.h"

// Load for a host outside this machine: asked by name before anything is sent.
namespace loadstar::widgets {

bool MainWindow::confirmRemoteTarget(model::Scenario& scenario) {
    const std::optional<RemoteConsentRequest> request = remoteConsentNeeded(scenario);
    if (!request) return true;
    const QString name = QString::fromStdString(scenario.name);
    const QString question = remoteConsentQuestion(name, *request);
    const bool allowed =
        remoteConsentPrompt_ ? remoteConsentPrompt_(question) : askRemoteConsent(request->host, question);
    if (!allowed) {
        messages_->showMessage(MessageBar::Kind::Information,
                               tr("‘%1’ was not run: it targets %2, which was not allowed to receive load.")
                                   .arg(name, request->host));
        return false;
    }
    scenario.allowRemote = request->host.toStdString();
    // Kept in the design (undoable, saved with it), so the next run of this scenario
    // against the same host does not ask again.
    const auto& all = document_.project().scenarios;
    for (std::size_t i = 0; i < all.size(); ++i) {
        if (all[i].name != scenario.name) continue;
        document_.edit(
            [i, host = scenario.allowRemote](model::Project& p) { p.scenarios[i].allowRemote = host; },
            tr("Allow Load to %1").arg(request->host));
        break;
    }
    return true;
}

bool MainWindow::askRemoteConsent(const QString& host, const QString& question) {
    QMessageBox box(QMessageBox::Warning, tr("Send Load to Another Host?"), question, QMessageBox::NoButton,
                    this);
    box.setTextFormat(Qt::RichText);
    QPushButton* send = box.addButton(tr("Send Load to %1").arg(host), QMessageBox::AcceptRole);
    QPushButton* cancel = box.addButton(QMessageBox::Cancel);
    box.setDefaultButton(cancel);
    box.setEscapeButton(cancel);
    box.exec();
    return box.clickedButton() == send;
}

}  // namespace loadstar::widgets
