#include "widgets/cockpit/remote_consent.h"

#include <QCoreApplication>

#include "engine/load/load_options.h"
#include "engine/load/run_estimate.h"
#include "engine/model/target_url.h"

namespace loadstar::widgets {

namespace {

QString tr(const char* text) {
    return QCoreApplication::translate("RemoteConsent", text);
}

QString number(double value) {
    return QString::number(value, 'g', 6);
}

QString durationText(model::Duration d) {
    return QString::fromStdString(model::formatDuration(d));
}

}  // namespace

std::optional<RemoteConsentRequest> remoteConsentNeeded(const model::Scenario& scenario) {
    if (scenario.target.kind != model::Target::Kind::Url) return std::nullopt;
    const auto parsed = model::parseTargetUrl(scenario.target.url);
    if (!std::holds_alternative<model::TargetUrl>(parsed)) return std::nullopt;
    const model::TargetUrl& url = std::get<model::TargetUrl>(parsed);
    if (model::isLoopbackLiteral(url.host) || model::sameHost(url.host, "localhost")) return std::nullopt;
    if (!scenario.allowRemote.empty() && model::sameHost(url.host, scenario.allowRemote)) return std::nullopt;

    const load::RunEstimate e = load::estimateRun(load::LoadOptions::of(scenario, url));
    RemoteConsentRequest request;
    request.host = QString::fromStdString(url.host);
    request.url = QString::fromStdString(scenario.target.url);
    if (e.executor == model::Executor::Open) {
        request.peakLoad = tr("up to %1 requests/s").arg(number(e.peakLevel));
    } else if (e.peakRate) {
        request.peakLoad =
            tr("up to %1 virtual users, at most %2 requests/s").arg(number(e.peakLevel), number(*e.peakRate));
    } else {
        request.peakLoad =
            tr("up to %1 virtual users, each sending its next request as soon as the answer arrives")
                .arg(number(e.peakLevel));
    }
    request.duration = e.warmup.count() > 0 ? tr("%1 (%2 warm-up, then %3 measured)")
                                                  .arg(durationText(e.total), durationText(e.warmup),
                                                       durationText(e.total - e.warmup))
                                            : durationText(e.total);
    return request;
}

QString remoteConsentQuestion(const QString& scenarioName, const RemoteConsentRequest& request) {
    return tr("<p><b>Send load to %1?</b></p>"
              "<p>%1 is not this machine. Scenario ‘%2’ would send %3 for %4 to <tt>%5</tt>.</p>"
              "<p>Loadstar loads other hosts only when you allow them by name. Load only servers you are "
              "responsible for. The scenario remembers the host you allow; a different host asks again.</p>")
        .arg(request.host.toHtmlEscaped(), scenarioName.toHtmlEscaped(), request.peakLoad.toHtmlEscaped(),
             request.duration.toHtmlEscaped(), request.url.toHtmlEscaped());
}

}  // namespace loadstar::widgets
