#include "widgets/designer/behaviour_form.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QLineEdit>
#include <QSpinBox>
#include <QVBoxLayout>

#include "widgets/common/form_fields.h"
#include "widgets/common/quiet_update.h"

namespace loadstar::widgets {

BehaviourForm::BehaviourForm(QWidget* parent)
    : QWidget(parent),
      latencyKind_(new QComboBox),
      offload_(new QCheckBox(tr("Run on a worker thread (offload)"))),
      batching_(new QCheckBox(tr("Batch requests together"))),
      maxBatch_(new QSpinBox),
      errorRate_(new QDoubleSpinBox),
      errorStatus_(new QSpinBox),
      response_(new QComboBox),
      serverTiming_(new QCheckBox(tr("Add a Server-Timing header"))) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);

    const form::Section latency = form::section(tr("Latency (simulated I/O wait)"));
    const form::Section cpu = form::section(tr("CPU work"));
    const form::Section batching = form::section(tr("Batching"));
    const form::Section errors = form::section(tr("Error injection"));
    const form::Section response = form::section(tr("Response"));
    for (const form::Section& section : {latency, cpu, batching, errors, response})
        layout->addWidget(section.box);
    latencyForm_ = latency.form;
    batchForm_ = batching.form;
    QFormLayout* cpuForm = cpu.form;
    QFormLayout* errorForm = errors.form;
    QFormLayout* responseForm = response.form;

    latencyKind_->setObjectName("latencyKind");
    latencyKind_->addItem(tr("none"), static_cast<int>(model::Latency::Kind::None));
    latencyKind_->addItem(tr("fixed"), static_cast<int>(model::Latency::Kind::Fixed));
    latencyKind_->addItem(tr("distribution (p50 and p99)"),
                          static_cast<int>(model::Latency::Kind::Distribution));
    latencyForm_->addRow(tr("&Latency"), latencyKind_);
    connect(latencyKind_, &QComboBox::activated, this, [this] {
        behaviour_.latency.kind = static_cast<model::Latency::Kind>(latencyKind_->currentData().toInt());
        emitEdit(QStringLiteral("latency"));
    });
    addDuration(latencyForm_, "fixed", tr("Wait"),
                [](model::Behaviour& b) -> model::Duration& { return b.latency.fixed; });
    addDuration(latencyForm_, "p50", tr("p50"),
                [](model::Behaviour& b) -> model::Duration& { return b.latency.p50; });
    addDuration(latencyForm_, "p99", tr("p99"),
                [](model::Behaviour& b) -> model::Duration& { return b.latency.p99; });

    addDuration(cpuForm, "cpu", tr("CPU time"),
                [](model::Behaviour& b) -> model::Duration& { return b.cpu.duration; });
    offload_->setObjectName("offload");
    cpuForm->addRow(QString(), offload_);
    connect(offload_, &QCheckBox::toggled, this, [this](bool on) {
        behaviour_.cpu.offload = on;
        emitEdit(QStringLiteral("offload"));
    });

    batching_->setObjectName("batching");
    batchForm_->addRow(QString(), batching_);
    connect(batching_, &QCheckBox::toggled, this, [this](bool on) {
        behaviour_.batching.enabled = on;
        emitEdit(QStringLiteral("batching"));
    });
    addDuration(batchForm_, "window", tr("Window"),
                [](model::Behaviour& b) -> model::Duration& { return b.batching.window; });
    maxBatch_->setObjectName("maxBatch");
    maxBatch_->setRange(1, 100000);
    batchForm_->addRow(tr("Max batch"), maxBatch_);
    connect(maxBatch_, &QSpinBox::valueChanged, this, [this](int v) {
        behaviour_.batching.maxBatch = v;
        emitEdit(QStringLiteral("max batch"));
    });
    addDuration(batchForm_, "base", tr("Cost per batch"),
                [](model::Behaviour& b) -> model::Duration& { return b.batching.base; });
    addDuration(batchForm_, "per_item", tr("Cost per item"),
                [](model::Behaviour& b) -> model::Duration& { return b.batching.perItem; });

    errorRate_->setObjectName("errorRate");
    errorRate_->setRange(0, 100);
    errorRate_->setDecimals(2);
    errorRate_->setSuffix(QStringLiteral(" %"));
    errorForm->addRow(tr("Share of requests"), errorRate_);
    connect(errorRate_, &QDoubleSpinBox::valueChanged, this, [this](double percent) {
        behaviour_.errors.rate = percent / 100.0;
        emitEdit(QStringLiteral("error rate"));
    });
    errorStatus_->setObjectName("errorStatus");
    errorStatus_->setRange(400, 599);
    errorForm->addRow(tr("Answered with status"), errorStatus_);
    connect(errorStatus_, &QSpinBox::valueChanged, this, [this](int v) {
        behaviour_.errors.status = v;
        emitEdit(QStringLiteral("error status"));
    });

    response_->setObjectName("responseSource");
    response_->addItem(tr("generated from the response model"),
                       static_cast<int>(model::ResponseSource::Generated));
    response_->addItem(tr("the response's example"), static_cast<int>(model::ResponseSource::Example));
    response_->addItem(tr("echo of the request body"), static_cast<int>(model::ResponseSource::Echo));
    responseForm->addRow(tr("Bod&y"), response_);  // Alt+B is the request body
    connect(response_, &QComboBox::activated, this, [this] {
        behaviour_.response = static_cast<model::ResponseSource>(response_->currentData().toInt());
        emitEdit(QStringLiteral("response source"));
    });
    serverTiming_->setObjectName("serverTiming");
    responseForm->addRow(QString(), serverTiming_);
    connect(serverTiming_, &QCheckBox::toggled, this, [this](bool on) {
        behaviour_.serverTiming = on;
        emitEdit(QStringLiteral("Server-Timing"));
    });
    updateRows();
}

QLineEdit* BehaviourForm::addDuration(QFormLayout* rows, const std::string& key, const QString& label,
                                      DurationSlot slot) {
    auto* edit = new QLineEdit;
    edit->setObjectName(QString::fromStdString(key));
    edit->setPlaceholderText(tr("e.g. 50ms, 1.5s"));
    durations_[key] = {edit, slot};
    rows->addRow(label, edit);
    connect(edit, &QLineEdit::textEdited, this, [this, edit, slot, key](const QString& text) {
        const QString trimmed = text.trimmed();
        const auto parsed = trimmed.isEmpty() ? std::optional<model::Duration>(model::Duration{0})
                                              : model::parseDuration(trimmed.toStdString());
        if (!parsed) {
            edit->setToolTip(tr("Write a duration such as 250us, 50ms, 1.5s or 2m"));
            return;
        }
        edit->setToolTip({});
        slot(behaviour_) = *parsed;
        emitEdit(QString::fromStdString(key));
    });
    connect(edit, &QLineEdit::editingFinished, this, [this, edit, slot] {
        // Show the canonical spelling once the user is done ("0.05s" becomes "50ms").
        if (edit->toolTip().isEmpty())
            quiet::setText(edit, QString::fromStdString(model::formatDuration(slot(behaviour_))));
        emit editFinished();
    });
    return edit;
}

QLineEdit* BehaviourForm::durationEdit(const std::string& key) const {
    auto it = durations_.find(key);
    return it == durations_.end() ? nullptr : it->second.first;
}

void BehaviourForm::emitEdit(const QString& what) {
    updateRows();
    emit edited(behaviour_, what);
}

void BehaviourForm::setBehaviour(const model::Behaviour& behaviour) {
    behaviour_ = behaviour;
    quiet::setCurrentData(latencyKind_, static_cast<int>(behaviour.latency.kind));
    for (const auto& [key, entry] : durations_)
        form::showDuration(entry.first, entry.second(behaviour_));
    quiet::setChecked(offload_, behaviour.cpu.offload);
    quiet::setChecked(batching_, behaviour.batching.enabled);
    quiet::setValue(maxBatch_, behaviour.batching.maxBatch);
    quiet::setValue(errorRate_, behaviour.errors.rate * 100.0);
    quiet::setValue(errorStatus_, behaviour.errors.status);
    quiet::setCurrentData(response_, static_cast<int>(behaviour.response));
    quiet::setChecked(serverTiming_, behaviour.serverTiming);
    updateRows();
}

void BehaviourForm::updateRows() {
    using Kind = model::Latency::Kind;
    const Kind kind = behaviour_.latency.kind;
    latencyForm_->setRowVisible(durations_["fixed"].first, kind == Kind::Fixed);
    latencyForm_->setRowVisible(durations_["p50"].first, kind == Kind::Distribution);
    latencyForm_->setRowVisible(durations_["p99"].first, kind == Kind::Distribution);
    const bool batching = behaviour_.batching.enabled;
    for (QWidget* w : {static_cast<QWidget*>(durations_["window"].first), static_cast<QWidget*>(maxBatch_),
                       static_cast<QWidget*>(durations_["base"].first),
                       static_cast<QWidget*>(durations_["per_item"].first)}) {
        batchForm_->setRowVisible(w, batching);
    }
    errorStatus_->setEnabled(behaviour_.errors.rate > 0);
}

QWidget* BehaviourForm::locate(const JsonPointer& pointer, std::size_t from) {
    const std::string& group = pointer.token(from);
    const std::string& key = pointer.token(from + 1);
    if (group == "latency") {
        if (QLineEdit* edit = durationEdit(key)) return edit;
        return latencyKind_;
    }
    if (group == "cpu") return key == "offload" ? static_cast<QWidget*>(offload_) : durationEdit("cpu");
    if (group == "batching") {
        if (key == "max_batch") return maxBatch_;
        if (key == "per_item" || key == "window" || key == "base") return durationEdit(key);
        return batching_;
    }
    if (group == "errors") return key == "status" ? static_cast<QWidget*>(errorStatus_) : errorRate_;
    if (group == "response") return response_;
    return latencyKind_;
}

}  // namespace loadstar::widgets
