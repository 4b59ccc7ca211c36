#include "widgets/window/compare_dialog.h"

#include <array>

#include <QApplication>
#include <QClipboard>
#include <QDialogButtonBox>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QStyle>
#include <QTreeWidget>
#include <QVBoxLayout>

#include "widgets/common/display_path.h"
#include "widgets/document/json_pointer.h"
#include "widgets/document/project_document.h"
#include "widgets/window/openapi_source_box.h"

namespace loadstar::widgets {

namespace {

using openapi::Change;
using openapi::ChangeClass;

QString q(const std::string& s) {
    return QString::fromStdString(s);
}

constexpr std::array<ChangeClass, 3> kOrder{ChangeClass::Breaking, ChangeClass::NonBreaking,
                                            ChangeClass::DocsOnly};

QString className(ChangeClass kind) {
    switch (kind) {
        case ChangeClass::Breaking:
            return CompareDialog::tr("Breaking");
        case ChangeClass::NonBreaking:
            return CompareDialog::tr("Non-breaking");
        case ChangeClass::DocsOnly:
            return CompareDialog::tr("Docs only");
    }
    return {};
}

QString classMeaning(ChangeClass kind) {
    switch (kind) {
        case ChangeClass::Breaking:
            return CompareDialog::tr("A client written for the old contract can fail.");
        case ChangeClass::NonBreaking:
            return CompareDialog::tr("Clients of the old contract keep working; new clients can do more.");
        case ChangeClass::DocsOnly:
            return CompareDialog::tr("Descriptions, summaries, examples: nothing on the wire changes.");
    }
    return {};
}

QIcon classIcon(ChangeClass kind, const QStyle* style) {
    switch (kind) {
        case ChangeClass::Breaking:
            return style->standardIcon(QStyle::SP_MessageBoxCritical);
        case ChangeClass::NonBreaking:
            return style->standardIcon(QStyle::SP_DialogApplyButton);
        case ChangeClass::DocsOnly:
            return style->standardIcon(QStyle::SP_MessageBoxInformation);
    }
    return {};
}

// A document place as a person reads it: a file by its name, a URL as it is.
QString placeText(const openapi::Origin& origin) {
    const QString document =
        openapi::isUrl(origin.document) ? q(origin.document) : QFileInfo(q(origin.document)).fileName();
    return origin.pointer.empty() ? document : document + QStringLiteral(":") + q(origin.pointer);
}

// Where activating a change goes: its place in the design, or the endpoint list
// for an operation the design no longer has.
QString designTarget(const Change& change) {
    return change.newPointer.empty() ? QStringLiteral("/endpoints") : q(change.newPointer);
}

QString operationsText(const Change& change) {
    QStringList names;
    for (std::size_t i = 0; i < change.operations.size() && i < 3; ++i)
        names << q(change.operations[i]);
    if (change.operations.size() > 3)
        return CompareDialog::tr("%1 and %2 more")
            .arg(names.join(QStringLiteral(", ")))
            .arg(change.operations.size() - 3);
    return names.join(QStringLiteral(", "));
}

// The old side, read off the GUI thread: the contract, or why it cannot be had
// (one "SOURCE:WHERE: error: message" line per reason, as `loadstar diff` prints them).
struct LoadedContract {
    std::shared_ptr<const openapi::Contract> contract;
    QStringList errors;
};

LoadedContract loadOldSide(const std::string& source, const openapi::FetchUrl& fetch) {
    auto loaded = openapi::loadContract(source, fetch);
    LoadedContract out;
    if (auto* contract = std::get_if<openapi::Contract>(&loaded)) {
        out.contract = std::make_shared<const openapi::Contract>(std::move(*contract));
        return out;
    }
    for (const openapi::ImportIssue& issue : std::get<openapi::ImportFailure>(loaded).errors) {
        out.errors << q(issue.document + (issue.where.empty() ? "" : ":" + issue.where) +
                        ": error: " + issue.message);
    }
    return out;
}

}  // namespace

CompareDialog::CompareDialog(ProjectDocument* document, QWidget* parent)
    : QDialog(parent),
      document_(document),
      source_(new OpenApiSourceBox(
          tr("&Compare"),
          tr("OpenAPI documents and Loadstar projects (*.json *.yaml *.yml);;All files (*)"))),
      lastExport_(new QPushButton(tr("Last &Export"))),
      copyMarkdown_(new QPushButton(tr("Copy as &Markdown"))),
      summary_(new QLabel),
      tree_(new QTreeWidget) {
    setWindowTitle(tr("Compare With Another Version"));
    setObjectName("compareDialog");
    tree_->setObjectName("contractChanges");
    summary_->setObjectName("compareSummary");
    lastExport_->setObjectName("compareLastExport");
    lastExport_->setAutoDefault(false);
    lastExport_->setEnabled(false);
    summary_->setWordWrap(true);
    summary_->setTextInteractionFlags(Qt::TextSelectableByMouse);

    tree_->setColumnCount(3);
    tree_->setHeaderLabels({tr("Change"), tr("Operations"), tr("In the design")});
    tree_->setUniformRowHeights(true);
    tree_->setAlternatingRowColors(true);
    tree_->setExpandsOnDoubleClick(false);
    // Whole messages (the change is what a person reads first) and operations; the
    // place takes the rest, cut in the middle where a pointer is long.
    tree_->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    tree_->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    tree_->header()->setStretchLastSection(true);
    tree_->header()->setMinimumSectionSize(120);
    tree_->setTextElideMode(Qt::ElideMiddle);

    auto* sourceRow = new QHBoxLayout;
    sourceRow->addWidget(source_, 1);
    sourceRow->addWidget(lastExport_, 0, Qt::AlignTop);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close);
    buttons->addButton(copyMarkdown_, QDialogButtonBox::ActionRole);
    copyMarkdown_->setObjectName("compareCopyMarkdown");
    copyMarkdown_->setAutoDefault(false);
    copyMarkdown_->setEnabled(false);
    copyMarkdown_->setToolTip(
        tr("Copy the changes as a pull-request comment, as loadstar diff --markdown writes it"));
    connect(copyMarkdown_, &QPushButton::clicked, this,
            [this] { QApplication::clipboard()->setText(markdown()); });
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(sourceRow);
    layout->addWidget(summary_);
    layout->addWidget(tree_, 1);
    layout->addWidget(buttons);

    connect(source_, &OpenApiSourceBox::submitted, this, &CompareDialog::startCompare);
    connect(lastExport_, &QPushButton::clicked, this, [this] { compareWith(lastExportPath_); });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(tree_, &QTreeWidget::itemActivated, this, [this](QTreeWidgetItem* item) {
        const QString target = item->data(0, DesignPointerRole).toString();
        if (!target.isEmpty()) emit placeActivated(target);
    });
    connect(document_, &ProjectDocument::projectChanged, this, &CompareDialog::rediff);
    summary_->setText(introduction());
    resize(960, 580);
}

QString CompareDialog::introduction() {
    return tr(
        "Choose the old version of the API: an OpenAPI document or a Loadstar project, as a file or "
        "a URL. The open design is the new version; each change is listed with what it means for a "
        "client written against the old one.");
}

void CompareDialog::setLastExport(const QString& path) {
    lastExportPath_ = path;
    lastExport_->setEnabled(!path.isEmpty());
    lastExport_->setToolTip(
        path.isEmpty() ? QString()
                       : tr("Compare with %1, exported from the workbench last").arg(displayPath(path)));
    if (source_->source().isEmpty()) source_->setSource(path);
}

void CompareDialog::compareWith(const QString& source) {
    source_->setSource(source);
    startCompare();
}

QString CompareDialog::markdown() const {
    if (!shown_ || !before_ || !shownDesign_) return {};
    const openapi::Contract after = openapi::contractFromProject(
        document_->filePath().isEmpty() ? shownDesign_->name
                                        : QFileInfo(document_->filePath()).fileName().toStdString(),
        *shownDesign_);
    return q(openapi::diffMarkdown(changes_, *before_, after));
}

QTreeWidgetItem* CompareDialog::findChange(const QString& id) const {
    for (int g = 0; g < tree_->topLevelItemCount(); ++g) {
        QTreeWidgetItem* group = tree_->topLevelItem(g);
        for (int c = 0; c < group->childCount(); ++c) {
            if (group->child(c)->data(0, ChangeIdRole).toString() == id) return group->child(c);
        }
    }
    return nullptr;
}

bool CompareDialog::isComparing() const {
    return source_->isBusy() || diffPending_;
}

void CompareDialog::startCompare() {
    const bool started = source_->start<LoadedContract>(loadOldSide, [this](LoadedContract loaded) {
        if (!loaded.contract) {
            source_->showError(tr("Nothing to compare with:\n%1").arg(loaded.errors.join(QLatin1Char('\n'))));
            return;
        }
        before_ = std::move(loaded.contract);
        rediff();
    });
    if (!started) return;
    // What is on show belongs to the previous old side.
    diff_.cancel();
    diffPending_ = false;
    before_.reset();
    changes_.clear();
    shown_ = false;
    shownDesign_.reset();
    copyMarkdown_->setEnabled(false);
    tree_->clear();
    summary_->setText(introduction());
}

void CompareDialog::rediff() {
    if (!before_) return;
    const std::shared_ptr<const model::Project> design = document_->snapshot();
    diffPending_ = true;
    diff_.start<std::vector<Change>>(
        this, [before = before_, design] { return openapi::diffContracts(before->project, *design); },
        [this, design](std::vector<Change> changes) { showChanges(std::move(changes), design); });
}

void CompareDialog::showChanges(std::vector<Change> changes, std::shared_ptr<const model::Project> design) {
    // A re-diff after an edit keeps the person's place in the list.
    QString currentId;
    QString currentText;
    if (QTreeWidgetItem* current = tree_->currentItem()) {
        currentId = current->data(0, ChangeIdRole).toString();
        currentText = current->text(0);
    }
    changes_ = std::move(changes);
    shown_ = true;
    diffPending_ = false;
    shownDesign_ = design;
    copyMarkdown_->setEnabled(true);
    const openapi::ChangeCounts counts = openapi::countChanges(changes_);
    const QString old = placeText({before_->source, ""});
    summary_->setText(
        changes_.empty()
            ? tr("No changes a client can see between %1 (old) and the open design (new).").arg(old)
            : tr("From %1 (old) to the open design (new): %2 breaking, %3 non-breaking, %4 docs only. "
                 "Activate a change to show its place in the design; the list follows your edits.")
                  .arg(old)
                  .arg(counts.breaking)
                  .arg(counts.nonBreaking)
                  .arg(counts.docsOnly));

    tree_->clear();
    QTreeWidgetItem* reselect = nullptr;
    for (const ChangeClass kind : kOrder) {
        auto* group = new QTreeWidgetItem(tree_);
        group->setIcon(0, classIcon(kind, style()));
        QFont bold = group->font(0);
        bold.setBold(true);
        group->setFont(0, bold);
        group->setToolTip(0, classMeaning(kind));
        group->setFirstColumnSpanned(true);
        std::size_t n = 0;
        for (const Change& change : changes_) {
            if (change.kind != kind) continue;
            ++n;
            auto* item = new QTreeWidgetItem(group);
            item->setIcon(0, classIcon(kind, style()));
            item->setText(0, q(change.message));
            item->setText(1, operationsText(change));
            const QString oldPlace = change.oldPointer.empty()
                                         ? QString()
                                         : placeText(openapi::sourcePlace(*before_, change.oldPointer));
            item->setText(2, change.newPointer.empty()
                                 ? tr("removed (was %1)").arg(oldPlace)
                                 : q(JsonPointer::parse(change.newPointer).describe(*design)));
            item->setToolTip(0, q(change.message) + QLatin1Char('\n') + tr("Rule: %1").arg(q(change.id)));
            item->setToolTip(1, q(change.operations.empty() ? std::string() : change.operations.front()));
            if (change.operations.size() > 1) {
                QStringList all;
                for (const std::string& o : change.operations)
                    all << q(o);
                item->setToolTip(1, all.join(QLatin1Char('\n')));
            }
            item->setToolTip(2, oldPlace.isEmpty()
                                    ? item->text(2)
                                    : item->text(2) + QLatin1Char('\n') + tr("In %1").arg(oldPlace));
            item->setData(0, DesignPointerRole, designTarget(change));
            item->setData(0, ChangeIdRole, q(change.id));
            if (!currentId.isEmpty() && q(change.id) == currentId && item->text(0) == currentText)
                reselect = item;
        }
        group->setText(0, tr("%1 (%2)").arg(className(kind)).arg(n));
        group->setExpanded(n > 0);
        group->setDisabled(n == 0);
    }
    if (reselect) tree_->setCurrentItem(reselect);
}

}  // namespace loadstar::widgets
