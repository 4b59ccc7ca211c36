#include "widgets/designer/openapi_export.h"

#include "engine/model/design_check.h"
#include "engine/model/project_file.h"
#include "engine/openapi/exporter.h"
#include "engine/openapi/yaml_writer.h"
#include "engine/schema/project_check.h"

namespace loadstar::widgets {

OpenApiExport::OpenApiExport(QObject* parent) : QObject(parent) {}

OpenApiExport::Format OpenApiExport::formatFor(const QString& path) {
    return path.endsWith(QLatin1String(".yaml"), Qt::CaseInsensitive) ||
                   path.endsWith(QLatin1String(".yml"), Qt::CaseInsensitive)
               ? Format::Yaml
               : Format::Json;
}

void OpenApiExport::start(std::shared_ptr<const model::Project> project, const QString& path, Format format) {
    job_.start<Outcome>(
        this,
        [project, path, format]() {
            Outcome outcome{path, {}, 0, 0};
            for (const model::Problem& p : schema::checkProject(*project)) {
                (p.severity == model::Severity::Error ? outcome.designErrors : outcome.designWarnings)++;
            }
            try {
                const Json document = openapi::exportDocument(*project);
                const std::string text =
                    format == Format::Yaml ? openapi::toYaml(document) : openapi::toJsonText(document);
                const auto written = model::writeFileAtomically(path.toStdString(), text);
                if (const auto* error = std::get_if<model::ProjectError>(&written)) {
                    outcome.error = QString::fromStdString(error->toString());
                }
            } catch (const std::exception& e) {
                outcome.error = QString::fromUtf8(e.what());
            }
            return outcome;
        },
        [this](Outcome outcome) { emit finished(outcome); });
}

}  // namespace loadstar::widgets
