#include "widgets/document/project_tree_model.h"

#include <QApplication>
#include <QStyle>

#include "widgets/document/json_pointer.h"

namespace loadstar::widgets {

namespace {

constexpr int kTopRows = 5;  // Settings, Models, Endpoints, Scenarios, Runs
constexpr quintptr kTopLevel = 0;

}  // namespace

ProjectTreeModel::ProjectTreeModel(QObject* parent) : QAbstractItemModel(parent) {}

void ProjectTreeModel::setProject(const model::Project& project,
                                  const std::vector<model::Problem>& problems) {
    Contents next;
    const auto mark = [&](std::vector<Item>& items, const char* collection) {
        for (const model::Problem& p : problems) {
            const JsonPointer pointer = JsonPointer::parse(p.location);
            if (pointer.collection() != collection) continue;
            const int i = pointer.itemIndex();
            if (i < 0 || i >= static_cast<int>(items.size())) continue;
            auto& item = items[static_cast<std::size_t>(i)];
            (p.severity == model::Severity::Error ? item.hasError : item.hasWarning) = true;
        }
    };
    for (const model::Model& m : project.models) {
        next.models.push_back({QString::fromStdString(m.name.empty() ? "(unnamed model)" : m.name),
                               QString::fromStdString(m.description), false, false});
    }
    for (const model::Endpoint& e : project.endpoints) {
        next.endpoints.push_back({QString::fromStdString(e.method + " " + e.path),
                                  QString::fromStdString(e.summary.empty() ? e.id : e.summary), false,
                                  false});
    }
    for (const model::Scenario& s : project.scenarios) {
        next.scenarios.push_back(
            {QString::fromStdString(s.name), QString::fromStdString(s.description), false, false});
    }
    next.runs = contents_.runs;
    mark(next.models, "models");
    mark(next.endpoints, "endpoints");
    mark(next.scenarios, "scenarios");
    for (const model::Problem& p : problems) {
        const std::string collection = JsonPointer::parse(p.location).collection();
        if (collection == "server" || collection == "name" || collection == "version") {
            next.settingsHaveProblems = true;
        }
    }
    if (next == contents_) return;
    if (next.models.size() == contents_.models.size() &&
        next.endpoints.size() == contents_.endpoints.size() &&
        next.scenarios.size() == contents_.scenarios.size()) {
        // Same shape, new labels (typing a name): keep the view's expansion and selection.
        contents_ = std::move(next);
        emit dataChanged(index(0, 0), index(kTopRows - 1, 0));
        for (int group = 1; group <= 3; ++group) {
            const QModelIndex parent = index(group, 0);
            const int rows = rowCount(parent);
            if (rows > 0) emit dataChanged(index(0, 0, parent), index(rows - 1, 0, parent));
        }
        return;
    }
    beginResetModel();
    contents_ = std::move(next);
    endResetModel();
}

const std::vector<ProjectTreeModel::Item>* ProjectTreeModel::group(int topRow) const {
    switch (topRow) {
        case 1:
            return &contents_.models;
        case 2:
            return &contents_.endpoints;
        case 3:
            return &contents_.scenarios;
        case 4:
            return &contents_.runs;
        default:
            return nullptr;
    }
}

ProjectTreeModel::Node ProjectTreeModel::nodeAt(const QModelIndex& index) const {
    if (!index.isValid()) return {Kind::Settings, -1};
    if (index.internalId() == kTopLevel) {
        static constexpr Kind kTop[kTopRows] = {Kind::Settings, Kind::ModelsGroup, Kind::EndpointsGroup,
                                                Kind::ScenariosGroup, Kind::RunsGroup};
        return {kTop[index.row()], -1};
    }
    static constexpr Kind kChild[kTopRows] = {Kind::Settings, Kind::Model, Kind::Endpoint, Kind::Scenario,
                                              Kind::Run};
    return {kChild[index.internalId() - 1], index.row()};
}

QModelIndex ProjectTreeModel::indexOf(Node node) const {
    switch (node.kind) {
        case Kind::Settings:
            return index(0, 0);
        case Kind::ModelsGroup:
            return index(1, 0);
        case Kind::EndpointsGroup:
            return index(2, 0);
        case Kind::ScenariosGroup:
            return index(3, 0);
        case Kind::RunsGroup:
            return index(4, 0);
        case Kind::Model:
            return index(node.index, 0, index(1, 0));
        case Kind::Endpoint:
            return index(node.index, 0, index(2, 0));
        case Kind::Scenario:
            return index(node.index, 0, index(3, 0));
        case Kind::Run:
            return index(node.index, 0, index(4, 0));
    }
    return {};
}

QModelIndex ProjectTreeModel::index(int row, int column, const QModelIndex& parent) const {
    if (!hasIndex(row, column, parent)) return {};
    if (!parent.isValid()) return createIndex(row, column, kTopLevel);
    return createIndex(row, column, static_cast<quintptr>(parent.row() + 1));
}

QModelIndex ProjectTreeModel::parent(const QModelIndex& child) const {
    if (!child.isValid() || child.internalId() == kTopLevel) return {};
    return createIndex(static_cast<int>(child.internalId() - 1), 0, kTopLevel);
}

int ProjectTreeModel::rowCount(const QModelIndex& parent) const {
    if (!parent.isValid()) return kTopRows;
    if (parent.column() != 0 || parent.internalId() != kTopLevel) return 0;
    const auto* items = group(parent.row());
    return items == nullptr ? 0 : static_cast<int>(items->size());
}

int ProjectTreeModel::columnCount(const QModelIndex&) const {
    return 1;
}

QVariant ProjectTreeModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid()) return {};
    QStyle* style = QApplication::style();
    if (index.internalId() == kTopLevel) {
        static const char* const kLabels[kTopRows] = {QT_TR_NOOP("Settings"), QT_TR_NOOP("Models"),
                                                      QT_TR_NOOP("Endpoints"), QT_TR_NOOP("Scenarios"),
                                                      QT_TR_NOOP("Runs")};
        const int row = index.row();
        switch (role) {
            case Qt::DisplayRole: {
                const auto* items = group(row);
                const QString label = tr(kLabels[row]);
                return items == nullptr || items->empty()
                           ? label
                           : QStringLiteral("%1 (%2)").arg(label).arg(items->size());
            }
            case Qt::ToolTipRole:
                if (row == 0) return tr("API name and version, server host, port, concurrency and limits");
                if (row == 4) {
                    return tr(
                        "Load-test runs stored with the project. Select two or more to compare them; "
                        "F2 renames one.");
                }
                return {};
            case Qt::DecorationRole:
                if (row == 0) {
                    return style->standardIcon(contents_.settingsHaveProblems ? QStyle::SP_MessageBoxWarning
                                                                              : QStyle::SP_ComputerIcon);
                }
                return style->standardIcon(QStyle::SP_DirIcon);
            default:
                return {};
        }
    }
    const auto* items = group(static_cast<int>(index.internalId() - 1));
    if (items == nullptr || index.row() >= static_cast<int>(items->size())) return {};
    const Item& item = (*items)[static_cast<std::size_t>(index.row())];
    switch (role) {
        case Qt::DisplayRole:
        case Qt::EditRole:
            return item.label;
        case Qt::ToolTipRole:
            return item.toolTip.isEmpty() ? QVariant{} : QVariant(item.toolTip);
        case Qt::DecorationRole:
            if (item.hasError) return style->standardIcon(QStyle::SP_MessageBoxCritical);
            if (item.hasWarning) return style->standardIcon(QStyle::SP_MessageBoxWarning);
            return style->standardIcon(QStyle::SP_FileIcon);
        default:
            return {};
    }
}

void ProjectTreeModel::setRuns(const std::vector<RunEntry>& runs) {
    std::vector<Item> next;
    for (const RunEntry& r : runs)
        next.push_back({r.label, r.toolTip, r.unreadable, r.failedThresholds});
    if (next == contents_.runs) return;
    const QModelIndex group = index(4, 0);
    if (next.size() == contents_.runs.size()) {
        contents_.runs = std::move(next);
        emit dataChanged(index(0, 0, group), index(static_cast<int>(contents_.runs.size()) - 1, 0, group));
        return;
    }
    // Replace the group's rows rather than reset the model, which would collapse the
    // sidebar's other groups.
    if (!contents_.runs.empty()) {
        beginRemoveRows(group, 0, static_cast<int>(contents_.runs.size()) - 1);
        contents_.runs.clear();
        endRemoveRows();
    }
    if (!next.empty()) {
        beginInsertRows(group, 0, static_cast<int>(next.size()) - 1);
        contents_.runs = std::move(next);
        endInsertRows();
    }
    emit dataChanged(group, group);  // "Runs (n)"
}

Qt::ItemFlags ProjectTreeModel::flags(const QModelIndex& index) const {
    Qt::ItemFlags f = QAbstractItemModel::flags(index);
    const Node node = nodeAt(index);
    if (node.kind == Kind::Run && !contents_.runs[static_cast<std::size_t>(node.index)].hasError)
        f |= Qt::ItemIsEditable;
    return f;
}

bool ProjectTreeModel::setData(const QModelIndex& index, const QVariant& value, int role) {
    const Node node = nodeAt(index);
    if (role != Qt::EditRole || node.kind != Kind::Run) return false;
    // The store owns the name; the list shows it once the file says so.
    emit runRenameRequested(node.index, value.toString().trimmed());
    return true;
}

}  // namespace loadstar::widgets
