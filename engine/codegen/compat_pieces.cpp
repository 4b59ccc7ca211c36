#include "engine/codegen/compat_pieces.h"

namespace loadstar::codegen {

namespace {

constexpr const char* kPydantic = "pydantic";

// clang-format off
constexpr const char* kClosedV2 = R"(    # A model that refuses keys it does not declare (no docstring: Pydantic 1 would
    # give it to every subclass as its schema description).
    class ClosedModel(BaseModel):
        model_config = ConfigDict(extra="forbid")
)";
constexpr const char* kClosedV1 = R"(    # A model that refuses keys it does not declare (no docstring: Pydantic 1 would
    # give it to every subclass as its schema description).
    class ClosedModel(BaseModel):
        class Config:
            extra = Extra.forbid
)";
constexpr const char* kOpenV2 = R"(    # A model that keeps keys it does not declare (no docstring: Pydantic 1 would
    # give it to every subclass as its schema description).
    class OpenModel(BaseModel):
        model_config = ConfigDict(extra="allow")
)";
constexpr const char* kOpenV1 = R"(    # A model that keeps keys it does not declare (no docstring: Pydantic 1 would
    # give it to every subclass as its schema description).
    class OpenModel(BaseModel):
        class Config:
            extra = Extra.allow
)";
constexpr const char* kTextV2 = R"(    def text(*, min_length=None, max_length=None, pattern=None):
        """A strict str (numbers are refused, not converted) with optional bounds on its
        length and a regular expression that must match somewhere in it."""
        return constr(
            strict=True, min_length=min_length, max_length=max_length, pattern=pattern
        )
)";
constexpr const char* kTextV1 = R"(    class _SearchedStr(ConstrainedStr):
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
)";
constexpr const char* kBoundedListV2 = R"(    def bounded_list(item, *, min_length=None, max_length=None):
        """A list of `item` with bounds on its number of items."""
        return conlist(item, min_length=min_length, max_length=max_length)
)";
constexpr const char* kBoundedListV1 = R"(    def bounded_list(item, *, min_length=None, max_length=None):
        """A list of `item` with bounds on its number of items."""
        return conlist(item, min_items=min_length, max_items=max_length)
)";

// uniqueItems: a list that refuses repeated items. Not a Set: Pydantic's set drops
// repeated items silently and loses the order, where the design (and the embedded
// server) refuse the request.
constexpr const char* kUniqueListV2 = R"(    def _distinct(items):
        for at, item in enumerate(items):
            if item in items[at + 1 :]:
                raise PydanticCustomError("set_type", "Input should be a valid set")
        return items

    def unique_list(item, *, min_length=None, max_length=None):
        """A list of `item` whose items must be distinct (repeated items are refused,
        not dropped as a set would) with bounds on its number of items."""
        return Annotated[
            conlist(item, min_length=min_length, max_length=max_length),
            AfterValidator(_distinct),
            Field(json_schema_extra={"uniqueItems": True}),
        ]
)";
constexpr const char* kUniqueListV1 = R"(    def unique_list(item, *, min_length=None, max_length=None):
        """A list of `item` whose items must be distinct (repeated items are refused,
        not dropped as a set would) with bounds on its number of items."""
        return conlist(
            item, min_items=min_length, max_items=max_length, unique_items=True
        )
)";

// Formats Pydantic has no type for in both versions: checked by _format_problem.
constexpr const char* kFormatShared = R"(

def _format_problem(format_, value, min_length, max_length):
    """(error type, message template, context) when `value` is not a valid string of
    `format_` ("hostname", or "byte"/"binary", whose lengths count UTF-8 bytes)."""
    if format_ in ("byte", "binary"):
        size = len(value.encode())
        if min_length is not None and size < min_length:
            message = "Data should have at least {min_length} bytes"
            return "bytes_too_short", message, {"min_length": min_length}
        if max_length is not None and size > max_length:
            message = "Data should have at most {max_length} bytes"
            return "bytes_too_long", message, {"max_length": max_length}
    if format_ == "byte":
        try:
            base64.b64decode(value)
        except binascii.Error as error:
            message = "Base64 decoding error: '{error}'"
            return "base64_decode", message, {"error": str(error)}
    if format_ == "hostname":
        reason = _hostname_problem(value)
        if reason is not None:
            return "value_error", "Value error, {error}", {"error": reason}
    return None


def _hostname_problem(value):
    """Why `value` is not a hostname (RFC 1123 labels), or None."""
    if not value:
        return "a hostname must not be empty"
    name = value[:-1] if value.endswith(".") else value
    if not name:
        return "a hostname must have at least one label"
    if len(name) > 253:
        return "a hostname must not be longer than 253 characters"
    for label in name.split("."):
        if not label:
            return "a hostname must not have an empty label"
        if len(label) > 63:
            return "a hostname label must not be longer than 63 characters"
        if label.startswith("-") or label.endswith("-"):
            return "a hostname label must not start or end with a hyphen"
        if not label.isascii() or not label.replace("-", "").isalnum():
            return "a hostname may only contain letters, digits, hyphens and dots"
    return None
)";
constexpr const char* kFormattedTextV2 = R"(    def formatted_text(format_, *, min_length=None, max_length=None, pattern=None):
        """A strict str of an OpenAPI format Pydantic has no type for: "hostname"
        (lengths in characters) or "byte" (base64) and "binary" (lengths in bytes)."""
        schema = {"format": format_}
        if format_ == "hostname":
            base = text(min_length=min_length, max_length=max_length, pattern=pattern)
            byte_length = (None, None)
        else:
            base = text(pattern=pattern)
            byte_length = (min_length, max_length)
            if min_length is not None:
                schema["minLength"] = min_length
            if max_length is not None:
                schema["maxLength"] = max_length

        def check(value):
            problem = _format_problem(format_, value, *byte_length)
            if problem is not None:
                raise PydanticCustomError(*problem)
            return value

        return Annotated[base, AfterValidator(check), Field(json_schema_extra=schema)]
)";
constexpr const char* kFormattedTextV1 = R"(    class _FormattedStr(_SearchedStr):
        format_ = ""
        byte_length = (None, None)

        @classmethod
        def __modify_schema__(cls, field_schema):
            super().__modify_schema__(field_schema)
            minimum, maximum = cls.byte_length
            bounds = (("minLength", minimum), ("maxLength", maximum))
            field_schema.update({k: v for k, v in bounds if v is not None})
            field_schema["format"] = cls.format_

        @classmethod
        def validate(cls, value):
            value = super().validate(value)
            problem = _format_problem(cls.format_, value, *cls.byte_length)
            if problem is not None:
                _, message, context = problem
                raise ValueError(message.format(**context))
            return value

    def formatted_text(format_, *, min_length=None, max_length=None, pattern=None):
        """A strict str of an OpenAPI format Pydantic has no type for: "hostname"
        (lengths in characters) or "byte" (base64) and "binary" (lengths in bytes)."""
        in_bytes = format_ != "hostname"
        regex = None if pattern is None else re.compile(pattern)
        namespace = {"format_": format_, "regex": regex}
        if in_bytes:
            namespace["byte_length"] = (min_length, max_length)
        else:
            namespace.update({"min_length": min_length, "max_length": max_length})
        return type("FormattedStrValue", (_FormattedStr,), namespace)
)";

// A tagged union with the design's mapping (several tags may choose one model, and
// a model's tag field need not be a Literal), its errors located as Pydantic 2 puts
// them: the chosen model's under its tag.
constexpr const char* kTaggedUnionV2 = R"(    def tagged_union(tag, variants):
        """One of the models of `variants` (tag value -> model), chosen by the value's
        `tag` field; a missing or unknown tag is refused as such."""

        def tag_of(value):
            if isinstance(value, BaseModel):
                value = value.model_dump(by_alias=True)
            try:
                return value.get(tag)
            except AttributeError:  # not an object: no tag
                return None

        choices = tuple(Annotated[model, Tag(key)] for key, model in variants.items())
        return Annotated[Union[choices], Discriminator(tag_of)]
)";
constexpr const char* kTaggedUnionV1 = R"(    class _TaggedUnion:
        tag = ""
        variants = {}

        @classmethod
        def __get_validators__(cls):
            yield cls.validate

        @classmethod
        def __modify_schema__(cls, field_schema):
            refs = {key: _REF + model.__name__ for key, model in cls.variants.items()}
            one_of = [{"$ref": ref} for ref in dict.fromkeys(refs.values())]
            discriminator = {"propertyName": cls.tag, "mapping": refs}
            field_schema.update({"oneOf": one_of, "discriminator": discriminator})

        @classmethod
        def validate(cls, value):
            if isinstance(value, tuple(cls.variants.values())):
                return value
            if not isinstance(value, dict):
                raise DictError()
            if cls.tag not in value:
                raise MissingDiscriminator(discriminator_key=cls.tag)
            key = value[cls.tag]
            model = cls.variants.get(key) if isinstance(key, str) else None
            if model is None:
                raise InvalidDiscriminator(
                    discriminator_key=cls.tag,
                    discriminator_value=key,
                    allowed_values=list(cls.variants),
                )
            try:
                return model.parse_obj(value)
            except ValidationError as error:
                # Under the tag, as Pydantic 2 reports it (Pydantic 1: the class name).
                raise ValidationError([ErrorWrapper(error, loc=key)], model) from None

    def tagged_union(tag, variants):
        """One of the models of `variants` (tag value -> model), chosen by the value's
        `tag` field; a missing or unknown tag is refused as such."""
        namespace = {"tag": tag, "variants": variants}
        return type("TaggedUnion", (_TaggedUnion,), namespace)
)";

// FastAPI's document lists the models a tagged union refers to.
constexpr const char* kDocumentModelsV2 = R"(    def _model_schema(model):
        return model.model_json_schema(ref_template=_REF + "{model}")
)";
constexpr const char* kDocumentModelsV1 = R"(    def _model_schema(model):
        return model.schema(ref_template=_REF + "{model}")
)";
constexpr const char* kTaggedUnionShared = R"(

_REF = "#/components/schemas/"
)";
constexpr const char* kDocumentModelsShared = R"(

def document_models(app, *models):
    """Adds `models` (and the models they refer to) to the app's OpenAPI document,
    where FastAPI misses them: the variants of a tagged union."""
    build = app.openapi

    def openapi():
        document = build()
        schemas = document.setdefault("components", {}).setdefault("schemas", {})
        for model in models:
            schema = _model_schema(model)
            for key in ("definitions", "$defs"):
                for name, nested in schema.pop(key, {}).items():
                    schemas.setdefault(name, nested)
            schemas.setdefault(model.__name__, schema)
        return document

    app.openapi = openapi
)";

// A format the design declares and nothing checks ("int64"): only described.
constexpr const char* kSchemaExtraV2 = R"(    def schema_extra(**schema):
        """Field() keywords that add `schema` to the field's JSON schema."""
        return {"json_schema_extra": schema}
)";
constexpr const char* kSchemaExtraV1 = R"(    def schema_extra(**schema):
        """Field() keywords that add `schema` to the field's JSON schema."""
        return schema
)";

constexpr const char* kResolveV2 = R"(    def resolve_forward_refs(*models):
        """Resolves the quoted references of models that refer to each other."""
        for model in models:
            model.model_rebuild()
)";
constexpr const char* kResolveV1 = R"(    def resolve_forward_refs(*models):
        """Resolves the quoted references of models that refer to each other."""
        for model in models:
            model.update_forward_refs()
)";
constexpr const char* kJsonTypeV2 = R"(    class JsonType:
        """Validates plain values (parsed JSON, query and header text) against a type
        (and serializes valid ones), as FastAPI does for its parameters and bodies."""

        def __init__(self, type_):
            self._adapter = TypeAdapter(type_)

        def validate(self, value):
            try:
                return self._adapter.validate_python(value)
            except ValidationError as error:
                raise InvalidValue(json.loads(error.json(include_url=False))) from None
)";
constexpr const char* kJsonTypeV1 = R"(    class JsonType:
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
)";
// clang-format on

}  // namespace

const std::vector<CompatPiece>& compatPieces() {
    static const std::vector<CompatPiece> kPieces{
        {"ClosedModel",
         kClosedV2,
         kClosedV1,
         {{kPydantic, "BaseModel"}, {kPydantic, "ConfigDict"}},
         {{kPydantic, "BaseModel"}, {kPydantic, "Extra"}}},
        {"OpenModel",
         kOpenV2,
         kOpenV1,
         {{kPydantic, "BaseModel"}, {kPydantic, "ConfigDict"}},
         {{kPydantic, "BaseModel"}, {kPydantic, "Extra"}}},
        {"text",
         kTextV2,
         kTextV1,
         {{kPydantic, "constr"}},
         {{kPydantic, "ConstrainedStr"}, {"pydantic.errors", "StrRegexError"}, {"re", ""}}},
        {"formatted_text",
         kFormattedTextV2,
         kFormattedTextV1,
         {{kPydantic, "AfterValidator"},
          {kPydantic, "Field"},
          {"pydantic_core", "PydanticCustomError"},
          {"typing", "Annotated"}},
         {},
         kFormatShared,
         {{"base64", ""}, {"binascii", ""}},
         {"text"}},
        {"bounded_list", kBoundedListV2, kBoundedListV1, {{kPydantic, "conlist"}}, {{kPydantic, "conlist"}}},
        {"unique_list",
         kUniqueListV2,
         kUniqueListV1,
         {{kPydantic, "AfterValidator"},
          {kPydantic, "Field"},
          {kPydantic, "conlist"},
          {"pydantic_core", "PydanticCustomError"},
          {"typing", "Annotated"}},
         {{kPydantic, "conlist"}}},
        {"tagged_union",
         kTaggedUnionV2,
         kTaggedUnionV1,
         {{kPydantic, "BaseModel"},
          {kPydantic, "Discriminator"},
          {kPydantic, "Tag"},
          {"typing", "Annotated"},
          {"typing", "Union"}},
         {{kPydantic, "ValidationError"},
          {"pydantic.error_wrappers", "ErrorWrapper"},
          {"pydantic.errors", "DictError"},
          {"pydantic.errors", "InvalidDiscriminator"},
          {"pydantic.errors", "MissingDiscriminator"}},
         kTaggedUnionShared},
        {"document_models",
         kDocumentModelsV2,
         kDocumentModelsV1,
         {},
         {},
         kDocumentModelsShared,
         {},
         {"tagged_union"}},
        {"schema_extra", kSchemaExtraV2, kSchemaExtraV1, {}, {}},
        {"resolve_forward_refs", kResolveV2, kResolveV1, {}, {}},
        {"JsonType",
         kJsonTypeV2,
         kJsonTypeV1,
         {{kPydantic, "TypeAdapter"}, {kPydantic, "ValidationError"}},
         {{kPydantic, "ValidationError"}, {kPydantic, "create_model"}},
         "",
         {{"json", ""}}},
    };
    return kPieces;
}

}  // namespace loadstar::codegen
