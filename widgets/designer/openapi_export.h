#pragma once

#include <memory>

#include <QObject>
#include <QString>

#include "engine/model/project.h"
#include "widgets/common/background_job.h"

namespace loadstar::widgets {

// Writes the design's OpenAPI 3.1 document (JSON or YAML) off the GUI thread and
// reports how it went, with the design check's verdict: an export of a design
// with errors is written but flagged, as `loadstar openapi` does.
class OpenApiExport : public QObject {
    Q_OBJECT

  public:
    enum class Format { Json, Yaml };
    struct Outcome {
        QString path;
        QString error;  // empty: written
        int designErrors = 0;
        int designWarnings = 0;
    };

    explicit OpenApiExport(QObject* parent = nullptr);

    // A newer export supersedes one still running.
    void start(std::shared_ptr<const model::Project> project, const QString& path, Format format);
    static Format formatFor(const QString& path);

  signals:
    void finished(const loadstar::widgets::OpenApiExport::Outcome& outcome);

  private:
    BackgroundJob job_;
};

}  // namespace loadstar::widgets
