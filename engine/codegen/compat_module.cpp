#include "engine/codegen/compat_module.h"

#include <vector>

namespace loadstar::codegen {

namespace {

// Each piece: the Pydantic 2 spelling, the Pydantic 1 spelling (both indented one
// level, inside `if PYDANTIC_V2:` / `else:`), and what each branch imports.
struct Piece {
    const char* name;
    const char* v2;
    const char* v1;
    std::vector<const char*> v2Imports;  // from pydantic import ...
    std::vector<const char*> v1Imports;
};

// clang-format off
const std::vector<Piece>& pieces() {
    static const std::vector<Piece> kPieces{
        {"ClosedModel",
         R"(    # A model that refuses keys it does not declare (no docstring: Pydantic 1 would
    # give it to every subclass as its schema description).
    class ClosedModel(BaseModel):
        model_config = ConfigDict(extra="forbid")
)",
         R"(    # A model that refuses keys it does not declare (no docstring: Pydantic 1 would
    # give it to every subclass as its schema description).
    class ClosedModel(BaseModel):
        class Config:
            extra = Extra.forbid
)",
         {"BaseModel", "ConfigDict"}, {"BaseModel", "Extra"}},
        {"OpenModel",
         R"(    # A model that keeps keys it does not declare (no docstring: Pydantic 1 would
    # give it to every subclass as its schema description).
    class OpenModel(BaseModel):
        model_config = ConfigDict(extra="allow")
)",
         R"(    # A model that keeps keys it does not declare (no docstring: Pydantic 1 would
    # give it to every subclass as its schema description).
    class OpenModel(BaseModel):
        class Config:
            extra = Extra.allow
)",
         {"BaseModel", "ConfigDict"}, {"BaseModel", "Extra"}},
        {"text",
         R"(    def text(*, min_length=None, max_length=None, pattern=None):
        """A strict str (numbers are refused, not converted) with optional bounds on its
        length and a regular expression that must match somewhere in it."""
        return constr(
            strict=True, min_length=min_length, max_length=max_length, pattern=pattern
        )
)",
         R"(    class _SearchedStr(ConstrainedStr):
        # Pydantic 1 anchors `regex` at the start (re.match); Pydantic 2 and the
        # design search the whole string, and so does this.
        strict = True

        @classmethod
        def validate(cls, value):
            if cls.regex is not None and not cls.regex.search(value):
                raise StrRegexError(pattern=cls.regex.pattern)
            return value

    def text(*, min_length=None, max_length=None, pattern=None):
        """A strict str (numbers are refused, not converted) with optional bounds on its
        length and a regular expression that must match somewhere in it."""
        regex = None if pattern is None else re.compile(pattern)
        namespace = {"min_length": min_length, "max_length": max_length, "regex": regex}
        return type("ConstrainedStrValue", (_SearchedStr,), namespace)
)",
         {"constr"}, {"ConstrainedStr"}},
        {"bounded_list",
         R"(    def bounded_list(item, *, min_length=None, max_length=None):
        """A list of `item` with bounds on its number of items."""
        return conlist(item, min_length=min_length, max_length=max_length)
)",
         R"(    def bounded_list(item, *, min_length=None, max_length=None):
        """A list of `item` with bounds on its number of items."""
        return conlist(item, min_items=min_length, max_items=max_length)
)",
         {"conlist"}, {"conlist"}},
        {"resolve_forward_refs",
         R"(    def resolve_forward_refs(*models):
        """Resolves the quoted references of models that refer to each other."""
        for model in models:
            model.model_rebuild()
)",
         R"(    def resolve_forward_refs(*models):
        """Resolves the quoted references of models that refer to each other."""
        for model in models:
            model.update_forward_refs()
)",
         {}, {}},
        {"JsonType",
         R"(    class JsonType:
        """Validates plain values (parsed JSON, query and header text) against a type
        (and serializes valid ones), as FastAPI does for its parameters and bodies."""

        def __init__(self, type_):
            self._adapter = TypeAdapter(type_)

        def validate(self, value):
            try:
                return self._adapter.validate_python(value)
            except ValidationError as error:
                raise InvalidValue(json.loads(error.json(include_url=False))) from None
)",
         R"(    class JsonType:
        """Validates plain values (parsed JSON, query and header text) against a type
        (and serializes valid ones), as FastAPI does for its parameters and bodies."""

        def __init__(self, type_):
            self._model = create_model("Value", __root__=(type_, ...))

        def validate(self, value):
            try:
                return self._model.parse_obj(value).__root__
            except ValidationError as error:
                errors = json.loads(error.json())
            # The wrapper model's "__root__" is no part of the value's location.
            for error in errors:
                error["loc"] = error["loc"][1:]
            raise InvalidValue(errors)
)",
         {"TypeAdapter", "ValidationError"}, {"ValidationError", "create_model"}},
    };
    return kPieces;
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
// clang-format on

void addNames(std::set<std::string>& into, const std::vector<const char*>& names) {
    for (const char* name : names)
        into.insert(name);
}

// "    from MODULE import A, b\n" inside a branch; one name a line when too long.
std::string importLine(const std::string& module, const std::set<std::string>& names) {
    if (names.empty()) return {};
    std::vector<std::string> ordered;
    for (const bool classes : {true, false}) {
        for (const std::string& name : names) {
            if ((name.front() >= 'A' && name.front() <= 'Z') == classes) ordered.push_back(name);
        }
    }
    std::string line = "    from " + module + " import ";
    for (std::size_t i = 0; i < ordered.size(); ++i)
        line += (i > 0 ? ", " : "") + ordered[i];
    if (line.size() <= 88) return line + "\n";
    std::string out = "    from " + module + " import (\n";
    for (const std::string& name : ordered)
        out += "        " + name + ",\n";
    return out + "    )\n";
}

}  // namespace

std::string compatModule(const std::set<std::string>& used) {
    std::set<std::string> v2Names;
    std::set<std::string> v1Names;
    std::string v2;
    std::string v1;
    bool needsJson = false;
    bool needsRe = false;
    for (const Piece& piece : pieces()) {
        if (used.count(piece.name) == 0) continue;
        addNames(v2Names, piece.v2Imports);
        addNames(v1Names, piece.v1Imports);
        v2 += (v2.empty() ? "" : "\n") + std::string(piece.v2);
        v1 += (v1.empty() ? "" : "\n") + std::string(piece.v1);
        if (std::string(piece.name) == "JsonType" && used.count("JsonType.dump") != 0) {
            v2 += kDumpV2;
            v1 += kDumpV1;
        }
        needsJson = needsJson || std::string(piece.name) == "JsonType";
        needsRe = needsRe || std::string(piece.name) == "text";
    }
    if (needsRe) v1Names.insert("StrRegexError");

    std::string out =
        "\"\"\"Pydantic 1.10 and 2.x from one code base.\n"
        "\n"
        "The models are written once. The few things the two versions spell differently live\n"
        "here, each written against that version's documented API; PYDANTIC_V2 picks one.\n"
        "\"\"\"\n";
    if (needsJson || needsRe) {
        out += "\n";
        if (needsJson) out += "import json\n";
        if (needsRe) out += "import re\n";
    }
    out += "\nimport pydantic\n\n";
    out += "PYDANTIC_V2 = pydantic.VERSION.startswith(\"2.\")\n";
    if (needsJson) {
        out +=
            "\n\nclass InvalidValue(Exception):\n"
            "    \"\"\"A value failed validation; `errors` in FastAPI's 422 shape (loc, msg, type).\"\"\"\n"
            "\n"
            "    def __init__(self, errors):\n"
            "        super().__init__(errors)\n"
            "        self.errors = errors\n";
    }
    if (v2.empty()) return out;
    std::set<std::string> v1Pydantic;
    std::set<std::string> v1Errors;
    for (const std::string& name : v1Names)
        (name == "StrRegexError" ? v1Errors : v1Pydantic).insert(name);
    out += "\n\nif PYDANTIC_V2:\n";
    const std::string v2Import = importLine("pydantic", v2Names);
    if (!v2Import.empty()) out += v2Import + "\n";
    out += v2;
    out += "\nelse:\n";
    std::string v1Imports = importLine("pydantic", v1Pydantic) + importLine("pydantic.errors", v1Errors);
    if (!v1Imports.empty()) out += v1Imports + "\n";
    out += v1;
    return out;
}

}  // namespace loadstar::codegen
