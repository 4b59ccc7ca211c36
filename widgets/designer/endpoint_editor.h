#pragma once

#include <QWidget>

#include "engine/model/endpoint.h"
#include "widgets/document/json_pointer.h"
#include "widgets/document/problem_markers.h"

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableView;

namespace loadstar::widgets {

class BehaviourForm;
class FieldForm;
class ParameterTableModel;
class PreviewPane;
class ProjectDocument;
class ResponseTableModel;
class TypeEditor;

// Edits one endpoint: route, parameters, request and response models,
// documentation, auth and behaviour, with its OpenAPI fragment beside.
class EndpointEditor : public QWidget {
    Q_OBJECT

  public:
    explicit EndpointEditor(ProjectDocument* document, QWidget* parent = nullptr);

    void showEndpoint(int index);
    int endpointIndex() const { return endpointIndex_; }
    void focusLocation(const JsonPointer& pointer, std::size_t from);

    ParameterTableModel* parameterTable() const { return parameters_; }
    ResponseTableModel* responseTable() const { return responses_; }
    BehaviourForm* behaviourForm() const { return behaviour_; }
    FieldForm* parameterForm() const { return paramForm_; }
    QTableView* parameterView() const { return parameterView_; }
    PreviewPane* fragmentPreview() const { return fragment_; }
    PreviewPane* fragmentYamlPreview() const { return fragmentYaml_; }
    PreviewPane* requestPreview() const { return request_; }
    QLabel* pathCheck() const { return pathCheck_; }
    QTableView* responseView() const { return responseView_; }
    // The full type of a body that is neither a model nor an array of one.
    TypeEditor* requestTypeEditor() const { return requestType_; }
    TypeEditor* responseTypeEditor() const { return responseType_; }

  private:
    // The sections of the form, each built with its widgets wired to the document.
    QWidget* routeSection();
    QWidget* parameterSection();
    QWidget* bodySection();
    QWidget* behaviourSection();
    QWidget* previewSection();

    using Change = std::function<void(model::Endpoint&)>;
    void editParameter(const model::Field& field, const QString& what);
    void editResponseBody(const model::TypeSpec& type, const QString& what);
    void editEndpoint(const Change& change, const QString& text, const QString& mergeKey,
                      const QString& location);
    void refresh();
    void refreshPathCheck(const model::Endpoint& endpoint);
    void showProblems();
    QWidget* locate(const JsonPointer& pointer, std::size_t from);
    void addParameter();
    void addPathParameters();
    void removeParameter();
    void addResponse();
    void removeResponse();
    QString label() const;
    int currentParameter() const;
    int currentResponse() const;

    ProjectDocument* document_;
    int endpointIndex_ = -1;
    QLineEdit* id_;
    QComboBox* method_;
    QLineEdit* path_;
    QLabel* pathCheck_;
    QPushButton* addPathParams_;
    QLineEdit* summary_;
    QLineEdit* description_;
    QLineEdit* tags_;
    QComboBox* auth_;
    QCheckBox* deprecated_;
    QComboBox* requestModel_;
    QCheckBox* requestRequired_;
    TypeEditor* requestType_;
    QLabel* responseTypeLabel_;
    TypeEditor* responseType_;
    QLabel* banner_;
    ProblemMarkers markers_;
    ParameterTableModel* parameters_;
    QTableView* parameterView_;
    ResponseTableModel* responses_;
    QTableView* responseView_;
    FieldForm* paramForm_;
    BehaviourForm* behaviour_;
    PreviewPane* fragment_;
    PreviewPane* fragmentYaml_;
    PreviewPane* request_;
};

}  // namespace loadstar::widgets
