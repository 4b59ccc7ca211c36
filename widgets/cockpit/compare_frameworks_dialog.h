#pragma once

#include <string>
#include <vector>

#include <QDialog>

#include "engine/model/project.h"
#include "engine/model/server_choice.h"

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QLabel;
class QListWidget;
class QSpinBox;

namespace loadstar::widgets {

// What Compare Frameworks runs: which of the design's scenarios (those that drive
// the design; all of them at first, in the Benchmark plan the micro / I/O / model
// × 10 / 200 / 1000 matrix) against which servers: the embedded one as the
// project's settings have it, the design as a FastAPI app under uvicorn with N
// workers, as a Flask app under gunicorn with N sync or gthread workers.
class CompareFrameworksDialog : public QDialog {
    Q_OBJECT

  public:
    explicit CompareFrameworksDialog(const model::Project& project, QWidget* parent = nullptr);

    std::vector<std::string> scenarios() const;
    std::vector<model::ServerChoice> servers() const;

  private:
    void updateSummary();

    const model::Project& project_;
    QListWidget* scenarios_;
    QCheckBox* embedded_;
    QCheckBox* fastapi_;
    QSpinBox* fastapiWorkers_;
    QCheckBox* flask_;
    QSpinBox* flaskWorkers_;
    QComboBox* flaskClass_;
    QSpinBox* flaskThreads_;
    QLabel* summary_;
    QDialogButtonBox* buttons_;
};

}  // namespace loadstar::widgets
