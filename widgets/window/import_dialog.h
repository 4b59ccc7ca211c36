#pragma once

#include <optional>
#include <string>
#include <vector>

#include <QDialog>

#include "engine/openapi/document_source.h"
#include "engine/openapi/importer.h"

class QDialogButtonBox;
class QLabel;
class QListWidget;
class QPushButton;
class QTreeWidget;

namespace loadstar::widgets {

class OpenApiSourceBox;

// What importing a document would give, read off the GUI thread: the design and
// what it cannot hold, or why nothing can be imported.
struct ImportPreview {
    std::string source;
    std::optional<openapi::ImportResult> result;
    std::vector<std::string> errors;   // "SOURCE:WHERE: error: message", as `loadstar import` prints them
    std::vector<std::string> servers;  // the URLs the document lists
    std::size_t designErrors = 0;      // what `loadstar check` would report on the result
};

// Imports `source` (a file or an http(s):// URL read through `fetch`) as
// `loadstar import` does, without writing anything.
ImportPreview previewImport(const std::string& source, const openapi::FetchUrl& fetch);

// File › Import OpenAPI…: a document from a file or a running server's URL, a
// preview of the design it gives (title, counts, operations) and of what the
// design cannot hold (one warning per place), then Import or Cancel.
class ImportDialog : public QDialog {
    Q_OBJECT

  public:
    explicit ImportDialog(QWidget* parent = nullptr);

    OpenApiSourceBox* sourceBox() const { return source_; }
    // Reads `source` and shows its preview (what Preview in the dialog does).
    void preview(const QString& source);
    // The preview on show, when the document could be imported.
    const std::optional<openapi::ImportResult>& result() const { return preview_.result; }
    // After accepted(): the imported design and where it came from.
    model::Project takeProject();
    QString source() const { return QString::fromStdString(preview_.source); }

    QLabel* heading() const { return heading_; }
    QLabel* summary() const { return summary_; }
    QTreeWidget* operationList() const { return operations_; }
    QListWidget* warningList() const { return warnings_; }
    QPushButton* importButton() const { return import_; }

  private:
    void startPreview();
    void showPreview(ImportPreview preview);
    void clearPreview();
    QString summaryText() const;

    OpenApiSourceBox* source_;
    QLabel* heading_;
    QLabel* summary_;
    QLabel* operationsTitle_;
    QTreeWidget* operations_;
    QLabel* warningsTitle_;
    QListWidget* warnings_;
    QPushButton* copyWarnings_;
    QDialogButtonBox* buttons_;
    QPushButton* import_;
    ImportPreview preview_;
};

}  // namespace loadstar::widgets
