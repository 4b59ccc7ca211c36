#pragma once

#include <vector>

#include <QAbstractItemModel>
#include <QString>
#include <QStringList>

#include "engine/model/design_check.h"
#include "engine/model/project.h"

namespace loadstar::widgets {

// The sidebar: the project's settings, then its models, endpoints, scenarios and
// runs as groups. Holds display strings only and resets wholesale when they change.
class ProjectTreeModel : public QAbstractItemModel {
    Q_OBJECT

  public:
    enum class Kind {
        Settings,
        ModelsGroup,
        EndpointsGroup,
        ScenariosGroup,
        RunsGroup,
        Model,
        Endpoint,
        Scenario,
        Run
    };
    // One stored run as the sidebar lists it.
    struct RunEntry {
        QString label;
        QString toolTip;
        bool unreadable = false;
        bool failedThresholds = false;
    };
    struct Node {
        Kind kind = Kind::Settings;
        int index = -1;  // position in its group's list; -1 for top-level rows
        bool operator==(const Node&) const = default;
    };

    explicit ProjectTreeModel(QObject* parent = nullptr);

    void setProject(const model::Project& project, const std::vector<model::Problem>& problems);

    // The Runs group's children (renamed in place: see runRenameRequested).
    void setRuns(const std::vector<RunEntry>& runs);

    Node nodeAt(const QModelIndex& index) const;
    QModelIndex indexOf(Node node) const;

    QModelIndex index(int row, int column, const QModelIndex& parent = {}) const override;
    QModelIndex parent(const QModelIndex& child) const override;
    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    bool setData(const QModelIndex& index, const QVariant& value, int role = Qt::EditRole) override;

  signals:
    void runRenameRequested(int run, const QString& name);

  private:
    struct Item {
        QString label;
        QString toolTip;
        bool hasError = false;
        bool hasWarning = false;
        bool operator==(const Item&) const = default;
    };
    struct Contents {
        std::vector<Item> models;
        std::vector<Item> endpoints;
        std::vector<Item> scenarios;
        std::vector<Item> runs;
        bool settingsHaveProblems = false;
        bool operator==(const Contents&) const = default;
    };
    const std::vector<Item>* group(int topRow) const;

    Contents contents_;
};

}  // namespace loadstar::widgets
