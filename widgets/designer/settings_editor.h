#pragma once

#include <functional>

#include <QWidget>

#include "engine/model/project.h"
#include "widgets/document/json_pointer.h"
#include "widgets/document/problem_markers.h"

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QSpinBox;

namespace loadstar::widgets {

class ProjectDocument;

// The project's own settings: the API's name, version and description, and how
// the embedded server serves it (address, concurrency model, limits, CORS, rate
// limit, API keys).
class SettingsEditor : public QWidget {
    Q_OBJECT

  public:
    explicit SettingsEditor(ProjectDocument* document, QWidget* parent = nullptr);

    void focusLocation(const JsonPointer& pointer);

  private:
    // The sections of the form, each built with its fields wired to the document.
    QWidget* apiSection();
    QWidget* serverSection();
    QWidget* limitsSection();
    QWidget* accessSection();

    void refresh();
    QWidget* locate(const JsonPointer& pointer);
    // One undo step "Change <what>", merged with the next change of the same setting.
    void editSetting(const QString& what, const std::function<void(model::Project&)>& apply);
    void bindText(QLineEdit* edit, const QString& what, void (*apply)(model::Project&, const QString&));
    void bindInt(QSpinBox* spin, const QString& what, void (*apply)(model::Project&, int));
    void bindDuration(QLineEdit* edit, const QString& what, model::Duration& (*slot)(model::Project&));

    ProjectDocument* document_;
    QLabel* banner_;
    ProblemMarkers markers_;
    QLineEdit* name_;
    QLineEdit* version_;
    QPlainTextEdit* description_;
    QLineEdit* host_;
    QSpinBox* port_;
    QComboBox* concurrency_;
    QFormLayout* concurrencyForm_;
    QSpinBox* threads_;
    QSpinBox* workers_;
    QSpinBox* queue_;
    QSpinBox* maxBody_;
    QSpinBox* maxHeader_;
    QLineEdit* headerTimeout_;
    QLineEdit* idleTimeout_;
    QSpinBox* maxConnections_;
    QSpinBox* maxDepth_;
    QCheckBox* cors_;
    QLineEdit* corsOrigins_;
    QCheckBox* rateLimit_;
    QDoubleSpinBox* rate_;
    QSpinBox* burst_;
    QComboBox* apiKeyIn_;
    QLineEdit* apiKeyHeader_;
    QLineEdit* apiKeys_;
    QLineEdit* bearerTokens_;
    QLineEdit* basicUsers_;
};

}  // namespace loadstar::widgets
