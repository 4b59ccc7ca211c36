#pragma once

#include <map>

#include <QWidget>

#include "engine/model/behaviour.h"
#include "widgets/document/json_pointer.h"

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QFormLayout;
class QLineEdit;
class QSpinBox;

namespace loadstar::widgets {

// What serving an endpoint costs: latency (fixed or p50/p99), CPU work and where
// it runs, batching, injected errors and where the response body comes from.
class BehaviourForm : public QWidget {
    Q_OBJECT

  public:
    explicit BehaviourForm(QWidget* parent = nullptr);

    void setBehaviour(const model::Behaviour& behaviour);
    QWidget* locate(const JsonPointer& pointer, std::size_t from);
    QComboBox* latencyKind() const { return latencyKind_; }
    QLineEdit* durationEdit(const std::string& key) const;

  signals:
    void edited(const model::Behaviour& behaviour, const QString& what);
    void editFinished();

  private:
    using DurationSlot = model::Duration& (*)(model::Behaviour&);
    QLineEdit* addDuration(QFormLayout* rows, const std::string& key, const QString& label,
                           DurationSlot slot);
    void emitEdit(const QString& what);
    void updateRows();

    model::Behaviour behaviour_;
    QFormLayout* latencyForm_;
    QFormLayout* batchForm_;
    QComboBox* latencyKind_;
    std::map<std::string, std::pair<QLineEdit*, DurationSlot>> durations_;
    QCheckBox* offload_;
    QCheckBox* batching_;
    QSpinBox* maxBatch_;
    QDoubleSpinBox* errorRate_;
    QSpinBox* errorStatus_;
    QComboBox* response_;
    QCheckBox* serverTiming_;
};

}  // namespace loadstar::widgets
