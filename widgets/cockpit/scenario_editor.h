#pragma once

#include <functional>

#include <QWidget>

#include "engine/model/scenario.h"
#include "widgets/document/json_pointer.h"
#include "widgets/document/problem_markers.h"

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QFormLayout;
class QLabel;
class QLayout;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;
class QTableWidget;

namespace loadstar::widgets {

class LoadProfileChart;
class ProjectDocument;
class ServerChoiceEditor;

// One load-test scenario: what to drive (the design's server or a URL), how
// (closed loop of virtual users or open loop at a rate, optionally in stages),
// for how long, which endpoints with what weights and bodies, and the thresholds
// that decide pass or fail. Every change is one undo step on the document.
class ScenarioEditor : public QWidget {
    Q_OBJECT

  public:
    explicit ScenarioEditor(ProjectDocument* document, QWidget* parent = nullptr);

    void showScenario(int index);
    int scenarioIndex() const { return index_; }
    void focusLocation(const JsonPointer& pointer, std::size_t from);

    LoadProfileChart* profileChart() const { return profile_; }
    QLabel* thresholdErrors() const { return thresholdErrors_; }
    QLabel* fixedBodyError() const { return fixedBodyError_; }

  signals:
    // The editor's Run button: run the scenario shown.
    void runRequested(int index);

  private:
    // The parts of the form, each built with its widgets wired to the document.
    QLayout* titleRow();
    QWidget* aboutSection();
    QWidget* targetSection();
    QWidget* loadSection();
    QWidget* stageSection();
    QWidget* requestSection();
    QWidget* thresholdSection();

    using Change = std::function<void(model::Scenario&)>;
    void edit(const Change& change, const QString& text, const QString& mergeKey, const char* key);
    void refresh();
    void refreshWeights(const model::Scenario& s);
    void refreshRemote(const model::Scenario& s);
    void refreshStages(const model::Scenario& s);
    void commitStages();
    void commitWeights();
    void onThresholdsEdited();
    void onHeadersEdited();
    void onFixedBodyEdited();
    void bindInt(QSpinBox* box, const QString& what, const char* key, void (*apply)(model::Scenario&, int));
    void bindDuration(QLineEdit* edit, const QString& what, const char* key,
                      model::Duration& (*slot)(model::Scenario&));
    QWidget* locate(const JsonPointer& pointer, std::size_t from);
    const model::Scenario* current() const;

    ProjectDocument* document_;
    int index_ = -1;
    QLabel* title_;
    QLabel* banner_;
    ProblemMarkers markers_;
    QPushButton* run_;
    QLineEdit* name_;
    QLineEdit* description_;
    QComboBox* targetKind_;
    QLineEdit* url_;
    QCheckBox* insecure_;
    QFormLayout* targetForm_ = nullptr;
    QWidget* remoteRow_;  // shown while the scenario allows a host outside loopback
    QLabel* remoteHost_;
    QPushButton* revokeRemote_;
    ServerChoiceEditor* server_;
    QComboBox* executor_;
    QComboBox* engine_;
    QSpinBox* locustWorkers_;
    QFormLayout* loadForm_;
    QSpinBox* vus_;
    QDoubleSpinBox* rate_;
    QSpinBox* connections_;
    QLineEdit* duration_;
    QLineEdit* warmup_;
    QSpinBox* maxRequests_;
    QSpinBox* threads_;
    QLineEdit* timeout_;
    QLineEdit* thinkTime_;
    QTableWidget* stages_;
    QPushButton* addStage_;
    QPushButton* removeStage_;
    LoadProfileChart* profile_;
    QTableWidget* weights_;
    QLabel* weightsNote_;
    QComboBox* bodyMode_;
    QFormLayout* requestForm_;
    QDoubleSpinBox* invalidShare_;
    QPlainTextEdit* fixedBody_;
    QLabel* fixedBodyError_;
    QPlainTextEdit* headers_;
    QLabel* headerErrors_;
    QPlainTextEdit* thresholds_;
    QLabel* thresholdErrors_;
};

}  // namespace loadstar::widgets
