#include "widgets/server/access_log_entry.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>

#include "widgets/common/unit_text.h"

namespace loadstar::widgets {

namespace {

// An integer member, or nullopt when it is missing or not a whole number.
std::optional<qint64> integer(const QJsonObject& object, const char* key) {
    const QJsonValue value = object.value(QLatin1String(key));
    if (!value.isDouble()) return std::nullopt;
    const double number = value.toDouble();
    const auto whole = static_cast<qint64>(number);
    if (static_cast<double>(whole) != number) return std::nullopt;
    return whole;
}

}  // namespace

std::optional<AccessLogEntry> AccessLogEntry::parse(QByteArrayView line) {
    const QByteArrayView trimmed = line.trimmed();
    if (!trimmed.startsWith('{')) return std::nullopt;
    QJsonParseError error{};
    const QJsonDocument document = QJsonDocument::fromJson(trimmed.toByteArray(), &error);
    if (error.error != QJsonParseError::NoError || !document.isObject()) return std::nullopt;
    const QJsonObject object = document.object();

    AccessLogEntry entry;
    entry.time = QDateTime::fromString(object.value(QLatin1String("time")).toString(), Qt::ISODateWithMs);
    if (!entry.time.isValid()) return std::nullopt;
    if (object.contains(QLatin1String("skipped"))) {
        const auto skipped = integer(object, "skipped");
        if (!skipped || *skipped <= 0) return std::nullopt;
        entry.skipped = *skipped;
        return entry;
    }
    const auto status = integer(object, "status");
    const auto durationUs = integer(object, "duration_us");
    const auto bytesOut = integer(object, "bytes_out");
    entry.client = object.value(QLatin1String("client")).toString();
    entry.method = object.value(QLatin1String("method")).toString();
    entry.target = object.value(QLatin1String("target")).toString();
    if (!status || !durationUs || !bytesOut || entry.method.isEmpty() || entry.target.isEmpty())
        return std::nullopt;
    entry.status = static_cast<int>(*status);
    entry.durationUs = *durationUs;
    entry.bytesOut = *bytesOut;
    return entry;
}

QString AccessLogEntry::text() const {
    if (isSkipped()) {
        return skipped == 1
                   ? QCoreApplication::translate("AccessLogEntry", "… 1 request not shown")
                   : QCoreApplication::translate("AccessLogEntry", "… %1 requests not shown").arg(skipped);
    }
    return QStringLiteral("%1 %2 → %3 · %4 · %5 · %6")
        .arg(method, target)
        .arg(status)
        .arg(latencyText(static_cast<double>(durationUs)), bytesText(static_cast<double>(bytesOut)), client);
}

}  // namespace loadstar::widgets
