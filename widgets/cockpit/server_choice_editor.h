#pragma once

#include <QWidget>

#include "engine/model/server_choice.h"

class QComboBox;
class QLabel;
class QSpinBox;

namespace loadstar::widgets {

// A scenario's server choice, one row of the scenario editor: the embedded
// server, or the design generated as a FastAPI app under uvicorn or a Flask app
// under gunicorn, with its workers (and for Flask the worker class and threads).
// Shows a choice without signalling; each change by the user comes out as the
// whole new choice with the name of the undo step (and a merge key, so that the
// steps of one spin box become one).
class ServerChoiceEditor : public QWidget {
    Q_OBJECT

  public:
    explicit ServerChoiceEditor(QWidget* parent = nullptr);

    void setChoice(const model::ServerChoice& choice);
    model::ServerChoice choice() const { return choice_; }

    QComboBox* kind() const { return kind_; }
    QSpinBox* workers() const { return workers_; }
    QComboBox* workerClass() const { return workerClass_; }
    QSpinBox* threads() const { return threads_; }

  signals:
    void edited(const loadstar::model::ServerChoice& choice, const QString& undoText,
                const QString& mergeKey);

  private:
    void showChoice();
    void change(const model::ServerChoice& choice, const QString& undoText, const QString& mergeKey = {});

    model::ServerChoice choice_;
    QComboBox* kind_;
    QLabel* workersLabel_;
    QSpinBox* workers_;
    QComboBox* workerClass_;
    QLabel* threadsLabel_;
    QSpinBox* threads_;
};

}  // namespace loadstar::widgets
