#include "engine/codegen/models_module.h"

#include <map>

#include "engine/codegen/python_code.h"
#include "engine/codegen/python_imports.h"
#include "engine/codegen/python_names.h"
#include "engine/codegen/python_types.h"

namespace loadstar::codegen {

namespace {

using model::TypeKind;
using model::TypeSpec;

void collectReferences(const TypeSpec& type, std::vector<std::string>& out) {
    if (type.kind == TypeKind::Object) out.push_back(type.modelRef);
    if (type.items) collectReferences(*type.items, out);
    for (const TypeSpec& variant : type.variants)
        collectReferences(variant, out);
}

}  // namespace

bool containsTaggedUnion(const TypeSpec& type) {
    if (type.kind == TypeKind::Union && type.discriminator.has_value()) return true;
    if (type.items && containsTaggedUnion(*type.items)) return true;
    for (const TypeSpec& variant : type.variants) {
        if (containsTaggedUnion(variant)) return true;
    }
    return false;
}

namespace {

// Design order, except that a model comes after the models it refers to, so that
// only references through a cycle need quoting.
std::vector<const model::Model*> definitionOrder(const model::Project& project) {
    std::vector<const model::Model*> order;
    std::map<std::string, int> state;  // 1 visiting, 2 done
    std::map<std::string, const model::Model*> byName;
    for (const model::Model& m : project.models)
        byName.emplace(m.name, &m);
    const auto visit = [&](const auto& self, const model::Model& m) -> void {
        if (state[m.name] != 0) return;
        state[m.name] = 1;
        for (const model::Field& f : m.fields) {
            std::vector<std::string> refs;
            collectReferences(f.type, refs);
            for (const std::string& ref : refs) {
                const auto it = byName.find(ref);
                if (it != byName.end()) self(self, *it->second);
            }
        }
        state[m.name] = 2;
        order.push_back(&m);
    };
    for (const model::Model& m : project.models) {
        if (byName.at(m.name) == &m) visit(visit, m);
    }
    return order;
}

}  // namespace

void registerFieldAliases(const model::Project& project, const PythonNaming& naming, TypeAliases& aliases) {
    PythonImports scratch;
    PythonTypes types(naming, aliases, scratch, ".compat", "");
    for (const model::Model* m : definitionOrder(project)) {
        for (const model::Field& f : m->fields)
            types.hoisted(f.type, ValueSource::Body, true, f.name);
    }
}

namespace {

// models.py: the aliases, then the classes in definition order (a tagged union's
// alias just before the first class that uses it), then the forward references.
class ModelsWriter {
  public:
    ModelsWriter(const model::Project& project, const PythonNaming& naming, TypeAliases& aliases)
        : project_(project),
          naming_(naming),
          aliases_(aliases),
          types_(naming, aliases, imports_, ".compat", ""),
          lateTaken_(naming.taken()) {
        for (const TypeAliases::Alias& alias : aliases.all())
            lateTaken_.insert(alias.name);
        for (const model::Model& m : project.models)
            lateTaken_.insert(naming.modelClass(m.name));
    }

    ModelsModule write();

  private:
    void modelClass(const model::Model& m);
    void lateAliases(const model::Model& m);
    bool field(const model::Model& m, std::size_t index);  // true: it refers to a class not defined yet
    std::string aliasesText();
    std::string moduleText(const std::string& definitions);

    const model::Project& project_;
    const PythonNaming& naming_;
    TypeAliases& aliases_;
    PythonImports imports_;
    PythonTypes types_;
    PySource classes_;
    ModelsModule out_;
    std::set<std::string> pending_;  // classes not defined yet at this point of the module
    std::vector<std::string> needRebuild_;
    std::map<const model::Field*, std::string> lateAliases_;
    std::map<std::string, std::string> lateNames_;  // definition -> alias
    std::set<std::string> lateTaken_;
};

ModelsModule ModelsWriter::write() {
    const std::vector<const model::Model*> order = definitionOrder(project_);
    for (const model::Model* m : order)
        pending_.insert(naming_.modelClass(m->name));
    for (const model::Model* m : order)
        modelClass(*m);
    if (!needRebuild_.empty()) {
        imports_.from(".compat", "resolve_forward_refs");
        std::vector<PyExpr> rebuilt;
        for (const std::string& cls : needRebuild_)
            rebuilt.push_back(PyExpr::atom(cls));
        classes_.blank(2);
        classes_.expression("", PyExpr::call("resolve_forward_refs", std::move(rebuilt)));
    }
    std::string definitions = aliasesText();
    const std::string classText = classes_.text();
    if (!classText.empty()) definitions += (definitions.empty() ? "" : "\n\n") + classText;
    out_.text = moduleText(definitions);
    out_.compatUsed = imports_.namesFrom(".compat");
    return std::move(out_);
}

void ModelsWriter::modelClass(const model::Model& m) {
    const std::string cls = naming_.modelClass(m.name);
    std::string base = "BaseModel";
    if (m.extra == model::ExtraFields::Forbid) base = "ClosedModel";
    if (m.extra == model::ExtraFields::Allow) base = "OpenModel";
    if (base == "BaseModel") {
        imports_.from("pydantic", "BaseModel");
    } else {
        imports_.from(".compat", base);
    }
    if (!classes_.text().empty()) classes_.blank(2);
    lateAliases(m);
    classes_.line("class " + cls + "(" + base + "):");
    classes_.indent();
    if (!m.description.empty()) {
        classes_.docstring(m.description);
        if (!m.fields.empty()) classes_.blank();
    }
    bool forward = false;
    for (std::size_t i = 0; i < m.fields.size(); ++i)
        forward = field(m, i) || forward;
    if (m.fields.empty() && m.description.empty()) classes_.line("pass");
    classes_.dedent();
    pending_.erase(cls);  // after its own fields: a model that contains itself quotes its name
    if (forward) needRebuild_.push_back(cls);
}

// A tagged union names its models with string keys (which linters would read as
// forward references in an annotation): its alias comes after the models, before
// its first user.
void ModelsWriter::lateAliases(const model::Model& m) {
    for (const model::Field& f : m.fields) {
        if (!containsTaggedUnion(f.type) || lateAliases_.count(&f) != 0) continue;
        TypeSpec present = f.type;
        present.nullable = false;
        const PyExpr definition = types_.annotation(present, ValueSource::Body, true);
        std::string& name = lateNames_[definition.flat()];
        if (name.empty()) {
            name = uniqueName(className(f.name), lateTaken_);
            classes_.expression(name + " = ", definition);
            classes_.blank(2);
        }
        lateAliases_[&f] = name;
    }
}

bool ModelsWriter::field(const model::Model& m, std::size_t index) {
    const model::Field& f = m.fields[index];
    const PythonName& name = naming_.fields(m)[index];
    std::vector<std::string> refs;
    collectReferences(f.type, refs);
    bool forward = false;
    for (const std::string& ref : refs)
        forward = forward || pending_.count(naming_.modelClass(ref)) != 0;
    const auto late = lateAliases_.find(&f);
    PyExpr annotation = late == lateAliases_.end() ? types_.hoisted(f.type, ValueSource::Body, true, f.name)
                                                   : PyExpr::atom(late->second);
    if (late != lateAliases_.end() && f.type.nullable) annotation = types_.optional(std::move(annotation));
    if (!f.required && !f.defaultValue) annotation = types_.optional(std::move(annotation));
    // A model not defined yet: the whole annotation is a string that Pydantic
    // evaluates when resolve_forward_refs() runs (Pydantic 1 cannot put a quoted
    // name inside conlist()).
    if (forward) annotation = PyExpr::atom(pythonString(annotation.flat()));

    std::vector<PyExpr> arguments;
    if (f.required) {
        arguments.push_back(PyExpr::atom("..."));
    } else {
        arguments.push_back(literalExpr(f.defaultValue.value_or(Json())));
    }
    if (name.aliased()) arguments.push_back(PyExpr::atom(pythonString(f.name)).keyword("alias"));
    for (PyExpr& c : types_.fieldConstraints(f.type))
        arguments.push_back(std::move(c));
    if (!f.description.empty())
        arguments.push_back(PyExpr::atom(pythonString(f.description)).keyword("description"));
    if (f.example) arguments.push_back(PyExpr::list({literalExpr(*f.example)}).keyword("examples"));
    for (const std::string& note : types_.unenforced(f.type))
        out_.notes.push_back(m.name + "." + f.name + ": " + note);

    const std::string lead = name.attribute + ": " + annotation.flat();
    // Pydantic 1 gives a bare Optional[X] the default None: a required nullable
    // field says `= ...` (required in both versions).
    if (arguments.size() == 1 && f.required && !f.type.nullable) {
        classes_.line(lead);
    } else if (arguments.size() == 1) {
        classes_.expression(lead + " = ", arguments.front());
    } else {
        imports_.from("pydantic", "Field");
        classes_.expression(lead + " = ", PyExpr::call("Field", std::move(arguments)));
    }
    return forward;
}

// The aliases: every one the fields and the views made (they refer to no model class).
std::string ModelsWriter::aliasesText() {
    PySource body;
    if (!naming_.enumAliases().empty()) imports_.from("typing", "Literal");
    for (const auto& [alias, values] : naming_.enumAliases()) {
        std::vector<PyExpr> members;
        for (const Json& value : values)
            members.push_back(PyExpr::atom(pythonLiteral(value)));
        body.expression(alias + " = ", PyExpr::subscript("Literal", std::move(members)));
    }
    for (const TypeAliases::Alias& alias : aliases_.all()) {
        imports_.merge(alias.imports);
        body.expression(alias.name + " = ", alias.definition);
    }
    return body.text();
}

std::string ModelsWriter::moduleText(const std::string& definitions) {
    PySource module;
    module.docstring("Request and response models of the " + project_.name + " design.");
    if (!imports_.empty()) {
        module.blank();
        imports_.write(module);
    }
    std::string text = module.text();
    if (!definitions.empty()) text += "\n\n" + definitions;
    return text;
}

}  // namespace

ModelsModule modelsModule(const model::Project& project, const PythonNaming& naming, TypeAliases& aliases) {
    return ModelsWriter(project, naming, aliases).write();
}

}  // namespace loadstar::codegen
