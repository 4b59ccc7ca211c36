#pragma once

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "engine/codegen/python_code.h"
#include "engine/codegen/python_imports.h"
#include "engine/codegen/python_naming.h"
#include "engine/model/type_spec.h"

namespace loadstar::codegen {

// Where a value is read from: JSON bodies keep strings strict (Pydantic 1 would turn
// 12345 into "12345"; Pydantic 2 and the embedded server refuse it), parameters are
// text already and take plain `str`.
enum class ValueSource { Body, Parameter };

// Named constrained types (`Tags = bounded_list(text(max_length=30), max_length=20)`):
// an annotation that calls a constructor is hoisted into a module-level alias in
// models.py, which keeps annotations short (black never has to split one) and free
// of string arguments (linters read those as forward references). Annotations that
// refer to model classes stay inline, so that every alias can be defined before the
// classes.
class TypeAliases {
  public:
    explicit TypeAliases(std::set<std::string> taken) : taken_(std::move(taken)) {}
    struct Alias {
        std::string name;
        PyExpr definition;
        PythonImports imports;  // what the definition needs in models.py
    };
    // The alias for `definition`, made on first use and named after `usedBy`.
    std::string alias(const PyExpr& definition, const std::string& usedBy, const PythonImports& imports);
    const std::vector<Alias>& all() const { return aliases_; }

  private:
    std::set<std::string> taken_;
    std::vector<Alias> aliases_;
};

// Builds Python annotations for design types and records what they import. The
// constraints of a field's own value go into Field()/Query() (see fieldConstraints);
// those of nested types (array items) into the type itself. A `pattern` always goes
// into the type (compat.text), and so do item counts (compat.bounded_list), because
// Pydantic 1 and 2 spell them differently.
class PythonTypes {
  public:
    PythonTypes(const PythonNaming& naming, TypeAliases& aliases, PythonImports& imports,
                std::string compatModule, std::string modelsModule);

    // The annotation of a value; `topLevel` leaves numeric bounds and string lengths
    // to fieldConstraints(). `forward` lists model classes not defined yet (quoted).
    PyExpr annotation(const model::TypeSpec& type, ValueSource source, bool topLevel,
                      const std::set<std::string>& forward = {});
    // The same, hoisted into a named alias when it calls a constructor (see TypeAliases);
    // `usedBy` names the alias. Definitions with forward references stay inline.
    PyExpr hoisted(const model::TypeSpec& type, ValueSource source, bool topLevel, const std::string& usedBy,
                   const std::set<std::string>& forward = {});
    // Keyword arguments for Field()/Query()/Path()/Header(): gt, ge, lt, le, multiple_of,
    // min_length, max_length, as they apply to a top-level value of this type.
    std::vector<PyExpr> fieldConstraints(const model::TypeSpec& type);
    // Optional[...] around an annotation.
    PyExpr optional(PyExpr inner);

    // Constraints the generated code cannot enforce for this type (for the README).
    std::vector<std::string> unenforced(const model::TypeSpec& type);

  private:
    PyExpr stringAnnotation(const model::TypeSpec& type, ValueSource source, bool topLevel);
    PyExpr arrayAnnotation(const model::TypeSpec& type, ValueSource source,
                           const std::set<std::string>& forward);
    PyExpr unionAnnotation(const model::TypeSpec& type, ValueSource source,
                           const std::set<std::string>& forward);
    PyExpr numberAnnotation(const model::TypeSpec& type, bool topLevel, bool integer);
    std::string useModel(const std::string& name);
    std::string useCompat(const std::string& name);

    const PythonNaming& naming_;
    TypeAliases& aliases_;
    PythonImports& imports_;
    std::string compat_;
    std::string models_;  // empty: the models are defined in the module being written
    bool referencedClass_ = false;
};

bool hasPattern(const model::TypeSpec& type);

}  // namespace loadstar::codegen
