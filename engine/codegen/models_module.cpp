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

ModelsModule modelsModule(const model::Project& project, const PythonNaming& naming, TypeAliases& aliases) {
    ModelsModule out;
    PythonImports imports;
    PythonTypes types(naming, aliases, imports, ".compat", "");
    PySource classes;

    const std::vector<const model::Model*> order = definitionOrder(project);
    std::set<std::string> pending;  // classes not defined yet at this point of the module
    for (const model::Model* m : order)
        pending.insert(naming.modelClass(m->name));
    std::vector<std::string> needRebuild;
    std::map<const model::Field*, std::string> lateAliases;
    std::map<std::string, std::string> lateNames;  // definition -> alias
    std::set<std::string> lateTaken = naming.taken();
    for (const TypeAliases::Alias& alias : aliases.all())
        lateTaken.insert(alias.name);
    for (const model::Model& m : project.models)
        lateTaken.insert(naming.modelClass(m.name));
    for (const model::Model* m : order) {
        const std::string cls = naming.modelClass(m->name);
        std::string base = "BaseModel";
        if (m->extra == model::ExtraFields::Forbid) base = "ClosedModel";
        if (m->extra == model::ExtraFields::Allow) base = "OpenModel";
        if (base == "BaseModel") {
            imports.from("pydantic", "BaseModel");
        } else {
            imports.from(".compat", base);
        }
        if (!classes.text().empty()) classes.blank(2);
        // A tagged union names its models with string keys (which linters would read as
        // forward references in an annotation): its alias comes after the models,
        // before its first user.
        for (const model::Field& f : m->fields) {
            if (!containsTaggedUnion(f.type) || lateAliases.count(&f) != 0) continue;
            TypeSpec present = f.type;
            present.nullable = false;
            const PyExpr definition = types.annotation(present, ValueSource::Body, true);
            std::string& name = lateNames[definition.flat()];
            if (name.empty()) {
                name = uniqueName(className(f.name), lateTaken);
                classes.expression(name + " = ", definition);
                classes.blank(2);
            }
            lateAliases[&f] = name;
        }
        classes.line("class " + cls + "(" + base + "):");
        classes.indent();
        if (!m->description.empty()) {
            classes.docstring(m->description);
            if (!m->fields.empty()) classes.blank();
        }
        bool forward = false;
        const std::vector<PythonName>& names = naming.fields(*m);
        for (std::size_t i = 0; i < m->fields.size(); ++i) {
            const model::Field& f = m->fields[i];
            std::vector<std::string> refs;
            collectReferences(f.type, refs);
            bool forwardField = false;
            for (const std::string& ref : refs)
                forwardField = forwardField || pending.count(naming.modelClass(ref)) != 0;
            forward = forward || forwardField;
            const auto late = lateAliases.find(&f);
            PyExpr annotation = late == lateAliases.end()
                                    ? types.hoisted(f.type, ValueSource::Body, true, f.name)
                                    : PyExpr::atom(late->second);
            if (late != lateAliases.end() && f.type.nullable)
                annotation = types.optional(std::move(annotation));
            const bool nullable = !f.required && !f.defaultValue;
            if (nullable) annotation = types.optional(std::move(annotation));
            // A model not defined yet: the whole annotation is a string that Pydantic
            // evaluates when resolve_forward_refs() runs (Pydantic 1 cannot put a quoted
            // name inside conlist()).
            if (forwardField) annotation = PyExpr::atom(pythonString(annotation.flat()));

            std::vector<PyExpr> arguments;
            if (f.required) {
                arguments.push_back(PyExpr::atom("..."));
            } else {
                arguments.push_back(literalExpr(f.defaultValue.value_or(Json())));
            }
            if (names[i].aliased()) arguments.push_back(PyExpr::atom(pythonString(f.name)).keyword("alias"));
            for (PyExpr& c : types.fieldConstraints(f.type))
                arguments.push_back(std::move(c));
            if (!f.description.empty())
                arguments.push_back(PyExpr::atom(pythonString(f.description)).keyword("description"));
            if (f.example) arguments.push_back(PyExpr::list({literalExpr(*f.example)}).keyword("examples"));
            for (const std::string& note : types.unenforced(f.type))
                out.notes.push_back(m->name + "." + f.name + ": " + note);

            const std::string lead = names[i].attribute + ": " + annotation.flat();
            // Pydantic 1 gives a bare Optional[X] the default None: a required nullable
            // field says `= ...` (required in both versions).
            const bool bare = arguments.size() == 1 && f.required && !f.type.nullable;
            if (bare) {
                classes.line(lead);
            } else if (arguments.size() == 1) {
                classes.expression(lead + " = ", arguments.front());
            } else {
                imports.from("pydantic", "Field");
                classes.expression(lead + " = ", PyExpr::call("Field", std::move(arguments)));
            }
        }
        if (m->fields.empty() && m->description.empty()) classes.line("pass");
        classes.dedent();
        pending.erase(cls);  // after its own fields: a model that contains itself quotes its name
        if (forward) needRebuild.push_back(cls);
    }
    if (!needRebuild.empty()) {
        imports.from(".compat", "resolve_forward_refs");
        std::vector<PyExpr> rebuilt;
        for (const std::string& cls : needRebuild)
            rebuilt.push_back(PyExpr::atom(cls));
        classes.blank(2);
        classes.expression("", PyExpr::call("resolve_forward_refs", std::move(rebuilt)));
    }

    // The aliases: every one the fields and the views made (they refer to no model class).
    PySource body;
    if (!naming.enumAliases().empty()) imports.from("typing", "Literal");
    for (const auto& [alias, values] : naming.enumAliases()) {
        std::vector<PyExpr> members;
        for (const Json& value : values)
            members.push_back(PyExpr::atom(pythonLiteral(value)));
        body.expression(alias + " = ", PyExpr::subscript("Literal", std::move(members)));
    }
    for (const TypeAliases::Alias& alias : aliases.all()) {
        imports.merge(alias.imports);
        body.expression(alias.name + " = ", alias.definition);
    }
    const std::string classText = classes.text();
    if (!classText.empty()) {
        if (!body.text().empty()) body.blank(2);
        for (std::size_t at = 0; at < classText.size();) {
            const std::size_t end = classText.find('\n', at);
            body.line(classText.substr(at, end - at));
            at = end + 1;
        }
    }

    PySource module;
    module.docstring("Request and response models of the " + project.name + " design.");
    if (!imports.empty()) {
        module.blank();
        imports.write(module);
    }
    const std::string definitions = body.text();
    std::string text = module.text();
    if (!definitions.empty()) text += "\n\n" + definitions;
    out.text = std::move(text);
    out.compatUsed = imports.namesFrom(".compat");
    return out;
}

}  // namespace loadstar::codegen
