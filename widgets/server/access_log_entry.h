#pragma once

#include <optional>

#include <QByteArrayView>
#include <QDateTime>
#include <QString>

namespace loadstar::widgets {

// One line of `loadstar serve --access-log`: a request the server answered, or a
// marker that the sampler left `skipped` requests out in the second it names.
struct AccessLogEntry {
    QDateTime time;  // UTC, as the server wrote it
    QString client;  // "127.0.0.1:41234"
    QString method;
    QString target;  // path and query, as sent
    int status = 0;
    qint64 durationUs = 0;
    qint64 bytesOut = 0;
    qint64 skipped = 0;  // > 0 only on a marker line, whose other fields stay empty

    bool isSkipped() const { return skipped > 0; }
    // nullopt for anything that is not an access-log line (other server output).
    static std::optional<AccessLogEntry> parse(QByteArrayView line);
    // The line as the log shows it, without the time: "GET /hello?x=1 → 200 · 0.41 ms · 27 B ·
    // 127.0.0.1:41234".
    QString text() const;

    bool operator==(const AccessLogEntry&) const = default;
};

}  // namespace loadstar::widgets
