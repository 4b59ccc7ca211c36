#include "engine/codegen/compat_module.h"

#include <map>
#include <vector>

#include "engine/codegen/compat_pieces.h"

namespace loadstar::codegen {

namespace {

// "    from MODULE import A, b\n" inside a branch; one name a line when too long.
std::string importLine(const std::string& indent, const std::string& module,
                       const std::set<std::string>& names) {
    if (names.empty()) return {};
    std::vector<std::string> ordered;
    for (const bool classes : {true, false}) {
        for (const std::string& name : names) {
            if ((name.front() >= 'A' && name.front() <= 'Z') == classes) ordered.push_back(name);
        }
    }
    std::string line = indent + "from " + module + " import ";
    for (std::size_t i = 0; i < ordered.size(); ++i)
        line += (i > 0 ? ", " : "") + ordered[i];
    if (line.size() <= 88) return line + "\n";
    std::string out = indent + "from " + module + " import (\n";
    for (const std::string& name : ordered)
        out += indent + "    " + name + ",\n";
    return out + indent + ")\n";
}

// What one branch (or the module level) imports: `import m` and `from m import n`,
// grouped as isort does (standard library, then third party).
class BranchImports {
  public:
    void add(const std::vector<CompatImport>& imports) {
        for (const CompatImport& i : imports) {
            if (*i.name == '\0') {
                modules_.insert(i.module);
            } else {
                names_[i.module].insert(i.name);
            }
        }
    }
    std::string text(const std::string& indent) const {
        std::string standard;
        std::string third;
        for (const std::string& m : modules_)
            (thirdParty(m) ? third : standard) += indent + "import " + m + "\n";
        for (const auto& [module, names] : names_)
            (thirdParty(module) ? third : standard) += importLine(indent, module, names);
        if (!standard.empty() && !third.empty()) return standard + "\n" + third;
        return standard + third;
    }
    bool empty() const { return modules_.empty() && names_.empty(); }

  private:
    static bool thirdParty(const std::string& module) { return module.rfind("pydantic", 0) == 0; }
    std::set<std::string> modules_;
    std::map<std::string, std::set<std::string>> names_;
};

// The pieces to write: those used and those they build on, in the pieces' order.
std::set<std::string> withNeeds(std::set<std::string> used) {
    for (bool grew = true; grew;) {
        grew = false;
        for (const CompatPiece& piece : compatPieces()) {
            if (used.count(piece.name) == 0) continue;
            for (const char* need : piece.needs)
                grew = used.insert(need).second || grew;
        }
    }
    return used;
}

// JsonType.dump, when an endpoint echoes what it validated.
constexpr const char* kDumpV2 = R"(
        def dump(self, value):
            return self._adapter.dump_python(value, mode="json", by_alias=True)
)";
constexpr const char* kDumpV1 = R"(
        def dump(self, value):
            return json.loads(self._model(__root__=value).json(by_alias=True))
)";

constexpr const char* kInvalidValue =
    "\n\nclass InvalidValue(Exception):\n"
    "    \"\"\"A value failed validation; `errors` in FastAPI's 422 shape (loc, msg, type).\"\"\"\n"
    "\n"
    "    def __init__(self, errors):\n"
    "        super().__init__(errors)\n"
    "        self.errors = errors\n";

}  // namespace

std::string compatModule(const std::set<std::string>& requested) {
    const std::set<std::string> used = withNeeds(requested);
    BranchImports top;
    BranchImports v2Imports;
    BranchImports v1Imports;
    std::string shared;
    std::string v2;
    std::string v1;
    for (const CompatPiece& piece : compatPieces()) {
        if (used.count(piece.name) == 0) continue;
        const std::string name = piece.name;
        v2Imports.add(piece.v2Imports);
        // Standard modules a Pydantic 1 piece needs are imported at the top.
        for (const CompatImport& i : piece.v1Imports) {
            if (std::string(i.module).rfind("pydantic", 0) == 0) {
                v1Imports.add({i});
            } else {
                top.add({i});
            }
        }
        top.add(piece.sharedImports);
        shared += piece.shared;
        if (name == "JsonType") shared += kInvalidValue;
        v2 += (v2.empty() ? "" : "\n") + std::string(piece.v2);
        v1 += (v1.empty() ? "" : "\n") + std::string(piece.v1);
        if (name == "JsonType" && used.count("JsonType.dump") != 0) {
            v2 += kDumpV2;
            v1 += kDumpV1;
        }
    }

    std::string out =
        "\"\"\"Pydantic 1.10 and 2.x from one code base.\n"
        "\n"
        "The models are written once. The few things the two versions spell differently live\n"
        "here, each written against that version's documented API; PYDANTIC_V2 picks one.\n"
        "\"\"\"\n";
    if (!top.empty()) out += "\n" + top.text("");
    out += "\nimport pydantic\n\n";
    out += "PYDANTIC_V2 = pydantic.VERSION.startswith(\"2.\")\n";
    out += shared;
    if (v2.empty()) return out;
    out += "\n\nif PYDANTIC_V2:\n";
    if (!v2Imports.empty()) out += v2Imports.text("    ") + "\n";
    out += v2;
    out += "\nelse:\n";
    if (!v1Imports.empty()) out += v1Imports.text("    ") + "\n";
    out += v1;
    return out;
}

}  // namespace loadstar::codegen
