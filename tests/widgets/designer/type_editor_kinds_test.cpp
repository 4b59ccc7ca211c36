// The type editor builds every kind of the type system with keyboard and mouse in
// the real workbench: nullable values, maps, literals, free-form values, unions
// with a discriminator, unique items, the newer formats and formats Loadstar does
// not check; the field table and the previews show them. With
// LOADSTAR_TYPE_EDITOR_SHOTS=DIR it leaves pictures of the editor at 1280×800.
#include <ostream>

#include <QCheckBox>
#include <QComboBox>
#include <QGroupBox>
#include <QLineEdit>
#include <QPushButton>
#include <QTableView>

#include <gtest/gtest.h>

#include "engine/model/project_file.h"
#include "support/temp_dir.h"
#include "support/widget_driver.h"
#include "widgets/designer/field_form.h"
#include "widgets/designer/field_table_model.h"
#include "widgets/designer/model_editor.h"
#include "widgets/designer/preview_pane.h"
#include "widgets/designer/type_editor.h"
#include "widgets/designer/union_editor.h"
#include "widgets/document/json_pointer.h"
#include "widgets/window/main_window.h"

namespace loadstar::widgets {
namespace {

using loadstar::testing::choose;
using loadstar::testing::find;
using loadstar::testing::typeInto;
using loadstar::testing::waitFor;
using model::TypeKind;
using model::TypeSpec;

class TypeEditorKinds : public ::testing::Test {
  protected:
    void SetUp() override {
        window_ = std::make_unique<MainWindow>(loadstar::testing::isolatedOptions(dir_.path()));
        window_->resize(1280, 800);
        loadstar::testing::showAndActivate(window_.get());
        const auto target = dir_.path() / "fleet.loadstar.json";
        std::filesystem::copy_file(loadstar::testing::sourceDir() / "projects/device-fleet.loadstar.json",
                                   target);
        path_ = QString::fromStdString(target.string());
        ASSERT_TRUE(window_->openFile(path_));
    }

    int modelIndex(const std::string& name) const {
        const auto& models = window_->document()->project().models;
        for (std::size_t i = 0; i < models.size(); ++i) {
            if (models[i].name == name) return static_cast<int>(i);
        }
        ADD_FAILURE() << "no model " << name;
        return 0;
    }

    // Opens model `name` and adds a field called `field`; returns the field's type editor.
    TypeEditor* newField(const std::string& name, const QString& field) {
        window_->selectNode({ProjectTreeModel::Kind::Model, modelIndex(name)});
        QTest::mouseClick(find<QPushButton>(window_->modelEditor(), "addField"), Qt::LeftButton);
        FieldForm* form = window_->modelEditor()->fieldForm();
        typeInto(form->nameEdit(), field);
        added_ = field.toStdString();
        return form->typeEditor();
    }

    // The field added last (a new field goes in after the selected one, not at the end).
    const model::Field& lastField(const std::string& name) const {
        static const model::Field kNone;
        const model::Model& m =
            window_->document()->project().models[static_cast<std::size_t>(modelIndex(name))];
        if (const model::Field* f = m.field(added_)) return *f;
        ADD_FAILURE() << "no field " << added_;
        return kNone;
    }

    // The table row of the field added last.
    int lastRow() const {
        const FieldTableModel* table = window_->modelEditor()->fieldTable();
        for (int row = 0; row < table->rowCount(); ++row) {
            if (table->index(row, FieldTableModel::NameColumn).data().toString().toStdString() == added_)
                return row;
        }
        return -1;
    }

    // Clicks the box itself: a check box in a form row is wider than its text, and
    // only the indicator and the text take a click.
    void click(QAbstractButton* button) {
        ASSERT_NE(button, nullptr);
        QTest::mouseClick(button, Qt::LeftButton, {}, QPoint(6, button->height() / 2));
    }

    // Picks an entry from the open list with the mouse: one change, no stops on the
    // entries between (the arrow keys apply each kind they pass).
    static void pick(QComboBox* combo, const QString& text) {
        ASSERT_NE(combo, nullptr);
        const int index = combo->findText(text);
        ASSERT_GE(index, 0) << text.toStdString();
        combo->setCurrentIndex(index);
        emit combo->activated(index);
    }

    void shot(const char* name) {
        const QString dir = qEnvironmentVariable("LOADSTAR_TYPE_EDITOR_SHOTS");
        if (dir.isEmpty()) return;
        QTest::qWait(400);  // previews arrive from the background
        window_->grab().save(dir + QStringLiteral("/%1.png").arg(QLatin1String(name)));
    }

    loadstar::testing::TempDir dir_;
    std::unique_ptr<MainWindow> window_;
    QString path_;
    std::string added_;
};

}  // namespace
}  // namespace loadstar::widgets

namespace loadstar::model {
// Failures print the type as a person reads it.
inline void PrintTo(const TypeSpec& type, std::ostream* os) {
    *os << describe(type);
}
}  // namespace loadstar::model

namespace loadstar::widgets {
namespace {

TEST_F(TypeEditorKinds, NullableMapOfIntegers) {
    TypeEditor* type = newField("Device", "counters");
    choose(type->kindCombo(), QString::fromUtf8("map of …"));
    ASSERT_NE(type->itemsEditor(), nullptr);
    EXPECT_TRUE(type->itemsEditor()->isVisible());
    choose(type->itemsEditor()->kindCombo(), "integer");
    typeInto(type->itemsEditor()->constraintEdit("ge"), "0");
    click(type->nullableBox());
    TypeSpec expected = TypeSpec::mapOf(TypeSpec::scalar(TypeKind::Integer));
    expected.items->constraints.ge = 0;
    expected.nullable = true;
    EXPECT_EQ(lastField("Device").type, expected);
    // The table says what it is.
    const FieldTableModel* table = window_->modelEditor()->fieldTable();
    const int row = lastRow();
    EXPECT_EQ(table->index(row, FieldTableModel::TypeColumn).data().toString(), "nullable map of integer");
    EXPECT_EQ(table->index(row, FieldTableModel::ConstraintsColumn).data().toString(),
              QString::fromUtf8("each value ≥ 0"));
}

TEST_F(TypeEditorKinds, LiteralsTakeTheirValueAsTyped) {
    TypeEditor* type = newField("Device", "schema_version");
    choose(type->kindCombo(), "literal");
    ASSERT_TRUE(type->literalEdit()->isVisible());
    typeInto(type->literalEdit(), "v2");
    EXPECT_EQ(lastField("Device").type, TypeSpec::literal("v2"));
    typeInto(type->literalEdit(), "3");
    EXPECT_EQ(lastField("Device").type, TypeSpec::literal(3));
    typeInto(type->literalEdit(), "\"3\"");
    EXPECT_EQ(lastField("Device").type, TypeSpec::literal("3"));
    typeInto(type->literalEdit(), "null");
    EXPECT_EQ(lastField("Device").type, TypeSpec::literal(nullptr));
    EXPECT_FALSE(type->constraintEdit("min_length")->isVisible());
}

TEST_F(TypeEditorKinds, AnyValueUniqueItemsAndFormats) {
    TypeEditor* type = newField("Device", "blob");
    choose(type->kindCombo(), "any JSON value");
    EXPECT_EQ(lastField("Device").type, TypeSpec::any());
    EXPECT_FALSE(type->uniqueItemsBox()->isVisible());

    choose(type->kindCombo(), QString::fromUtf8("array of …"));
    ASSERT_TRUE(type->uniqueItemsBox()->isVisible());
    click(type->uniqueItemsBox());
    EXPECT_TRUE(lastField("Device").type.constraints.uniqueItems);

    choose(type->itemsEditor()->kindCombo(), "string");
    auto* format = type->itemsEditor()->findChild<QComboBox*>("format");
    for (const char* name : {"time", "ipv4", "ipv6", "hostname", "byte", "binary"})
        EXPECT_GE(format->findText(QLatin1String(name)), 0) << name;
    choose(format, "ipv6");
    EXPECT_EQ(lastField("Device").type.items->constraints.format, model::StringFormat::Ipv6);

    choose(type->kindCombo(), "integer");
    ASSERT_TRUE(type->otherFormatEdit()->isVisible());
    typeInto(type->otherFormatEdit(), "int64");
    EXPECT_EQ(lastField("Device").type.constraints.otherFormat, "int64");
    const FieldTableModel* table = window_->modelEditor()->fieldTable();
    EXPECT_EQ(table->index(lastRow(), FieldTableModel::ConstraintsColumn).data().toString(),
              "int64 (not checked)");
}

TEST_F(TypeEditorKinds, ATaggedUnionOfModels) {
    TypeEditor* type = newField("Device", "backup_uplink");
    pick(type->kindCombo(), "model");
    pick(type->modelCombo(), "WifiLink");
    pick(type->kindCombo(), QString::fromUtf8("union of …"));
    UnionEditor* variants = type->unionEditor();
    ASSERT_NE(variants, nullptr);
    ASSERT_EQ(variants->variantCount(), 2u);  // the model it was, and a string to change
    EXPECT_EQ(lastField("Device").type.variants[0], TypeSpec::object("WifiLink"));
    choose(variants->variantEditor(1)->kindCombo(), "model");
    choose(variants->variantEditor(1)->modelCombo(), "EthernetLink");
    click(variants->addButton());
    ASSERT_EQ(variants->variantCount(), 3u);
    choose(variants->variantEditor(2)->kindCombo(), "model");
    choose(variants->variantEditor(2)->modelCombo(), "CellularLink");
    click(variants->exclusiveBox());
    typeInto(variants->discriminatorEdit(), "type");
    typeInto(variants->mappingEdit(), "lte=CellularLink, 5g=CellularLink");
    click(type->nullableBox());

    TypeSpec expected = TypeSpec::unionOf(
        {TypeSpec::object("WifiLink"), TypeSpec::object("EthernetLink"), TypeSpec::object("CellularLink")},
        true);
    expected.discriminator = model::Discriminator{"type", {{"lte", "CellularLink"}, {"5g", "CellularLink"}}};
    expected.nullable = true;
    EXPECT_EQ(lastField("Device").type, expected);
    shot("union-field");

    // The schema preview prints the tagged union as OpenAPI does.
    PreviewPane* schema = window_->modelEditor()->schemaPreview();
    EXPECT_TRUE(waitFor([&] { return schema->text().contains("\"propertyName\": \"type\""); }))
        << schema->text().toStdString();
    EXPECT_TRUE(schema->text().contains("\"lte\": \"#/components/schemas/CellularLink\""));

    // Removing a variant keeps the others in order; undo brings it back.
    click(find<QPushButton>(variants, "removeVariant1"));
    ASSERT_EQ(lastField("Device").type.variants.size(), 2u);
    EXPECT_EQ(lastField("Device").type.variants[1], TypeSpec::object("CellularLink"));

    // Saved and read back, it is the same type.
    ASSERT_TRUE(window_->saveTo(path_));
    auto saved = model::loadProject(path_.toStdString());
    ASSERT_TRUE(std::holds_alternative<model::Project>(saved));
    EXPECT_EQ(std::get<model::Project>(saved).model("Device")->field(added_)->type, lastField("Device").type);
}

TEST_F(TypeEditorKinds, ProblemsInsideAUnionLeadToTheirWidget) {
    TypeEditor* type = newField("Device", "alias");
    choose(type->kindCombo(), QString::fromUtf8("union of …"));
    UnionEditor* variants = type->unionEditor();
    ASSERT_NE(variants, nullptr);
    EXPECT_EQ(type->locate(JsonPointer::parse("/variants/1/type"), 0),
              variants->variantEditor(1)->kindCombo());
    EXPECT_EQ(type->locate(JsonPointer::parse("/discriminator/mapping"), 0), variants->mappingEdit());
    EXPECT_EQ(type->locate(JsonPointer::parse("/nullable"), 0), type->nullableBox());
    EXPECT_EQ(type->locate(JsonPointer::parse("/unique_items"), 0), type->uniqueItemsBox());
    EXPECT_EQ(type->locate(JsonPointer::parse("/other_format"), 0), type->otherFormatEdit());
}

TEST_F(TypeEditorKinds, TheSampleShowsEveryKind) {
    window_->selectNode({ProjectTreeModel::Kind::Model, modelIndex("Device")});
    ModelEditor* editor = window_->modelEditor();
    editor->selectField(4);  // uplink: the tagged union
    EXPECT_TRUE(editor->fieldForm()->typeEditor()->unionEditor() != nullptr &&
                editor->fieldForm()->typeEditor()->unionEditor()->isVisible());
    PreviewPane* sample = editor->samplePreview();
    EXPECT_TRUE(waitFor([&] { return sample->text().contains("\"uplink\""); }))
        << sample->text().toStdString();
    shot("device-model");
    editor->selectField(5);  // labels: a map
    shot("device-map-field");
}

}  // namespace
}  // namespace loadstar::widgets
