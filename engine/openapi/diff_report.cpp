#include "engine/openapi/diff_report.h"

#include <array>

namespace loadstar::openapi {

namespace {

constexpr std::array<ChangeClass, 3> kOrder{ChangeClass::Breaking, ChangeClass::NonBreaking,
                                            ChangeClass::DocsOnly};

std::string plural(std::size_t n, const char* one, const char* many) {
    return std::to_string(n) + " " + (n == 1 ? one : many);
}

// The operations a change concerns; a long list is cut after a few (the JSON has them all).
std::string operations(const Change& change, std::size_t most = 3) {
    std::string text;
    for (std::size_t i = 0; i < change.operations.size() && i < most; ++i)
        text += (text.empty() ? "" : ", ") + change.operations[i];
    if (change.operations.size() > most)
        text += " and " + std::to_string(change.operations.size() - most) + " more";
    return text;
}

// The place a change is shown at: the new side, or the old one for what is gone.
Origin shownAt(const Change& change, const Contract& before, const Contract& after) {
    if (!change.newPointer.empty()) return sourcePlace(after, change.newPointer);
    return sourcePlace(before, change.oldPointer);
}

Json placeJson(const Contract& contract, const std::string& designPointer) {
    if (designPointer.empty()) return nullptr;
    const Origin origin = sourcePlace(contract, designPointer);
    return Json{{"document", origin.document}, {"pointer", origin.pointer}};
}

std::string markdownEscaped(const std::string& text) {
    std::string out;
    for (const char c : text) {
        if (c == '|' || c == '*' || c == '_' || c == '`' || c == '<' || c == '>') out.push_back('\\');
        out.push_back(c);
    }
    return out;
}

}  // namespace

ChangeCounts countChanges(const std::vector<Change>& changes) {
    ChangeCounts counts;
    for (const Change& change : changes) {
        switch (change.kind) {
            case ChangeClass::Breaking:
                ++counts.breaking;
                break;
            case ChangeClass::NonBreaking:
                ++counts.nonBreaking;
                break;
            case ChangeClass::DocsOnly:
                ++counts.docsOnly;
                break;
        }
    }
    return counts;
}

std::string diffText(const std::vector<Change>& changes, const Contract& before, const Contract& after) {
    std::string text;
    for (const ChangeClass kind : kOrder) {
        for (const Change& change : changes) {
            if (change.kind != kind) continue;
            const Origin place = shownAt(change, before, after);
            text += place.document + ":" + place.pointer + ": " + toString(kind) + ": " + change.message;
            if (!change.operations.empty()) text += " [" + operations(change) + "]";
            text += "\n";
        }
    }
    const ChangeCounts counts = countChanges(changes);
    if (changes.empty()) {
        text += before.source + " -> " + after.source + ": no changes\n";
    } else {
        text += before.source + " -> " + after.source + ": " +
                plural(counts.breaking, "breaking change", "breaking changes") + ", " +
                std::to_string(counts.nonBreaking) + " non-breaking, " + std::to_string(counts.docsOnly) +
                " docs-only\n";
    }
    return text;
}

Json diffJson(const std::vector<Change>& changes, const Contract& before, const Contract& after) {
    const ChangeCounts counts = countChanges(changes);
    Json list = Json::array();
    for (const ChangeClass kind : kOrder) {
        for (const Change& change : changes) {
            if (change.kind != kind) continue;
            list.push_back(Json{{"class", toString(change.kind)},
                                {"id", change.id},
                                {"message", change.message},
                                {"operations", change.operations},
                                {"old", placeJson(before, change.oldPointer)},
                                {"new", placeJson(after, change.newPointer)}});
        }
    }
    return Json{{"old", before.source},
                {"new", after.source},
                {"summary",
                 {{"breaking", counts.breaking},
                  {"non_breaking", counts.nonBreaking},
                  {"docs_only", counts.docsOnly}}},
                {"changes", std::move(list)}};
}

std::string diffMarkdown(const std::vector<Change>& changes, const Contract& before, const Contract& after) {
    const ChangeCounts counts = countChanges(changes);
    std::string text = "### API contract: `" + before.source + "` → `" + after.source + "`\n\n";
    if (changes.empty()) return text + "No changes a client can see.\n";
    text += counts.breaking > 0
                ? ":x: **" + plural(counts.breaking, "breaking change", "breaking changes") + "**"
                : std::string(":white_check_mark: **No breaking changes**");
    text += " · " + std::to_string(counts.nonBreaking) + " non-breaking · " +
            std::to_string(counts.docsOnly) + " docs-only\n";
    const std::array<const char*, 3> headings{":x: Breaking", ":sparkles: Non-breaking", ":memo: Docs only"};
    for (std::size_t k = 0; k < kOrder.size(); ++k) {
        std::string rows;
        for (const Change& change : changes) {
            if (change.kind != kOrder[k]) continue;
            const Origin place = shownAt(change, before, after);
            rows += "| " + markdownEscaped(change.message) + " | " +
                    (change.operations.empty() ? std::string("—") : "`" + operations(change) + "`") + " | `" +
                    place.pointer + "` |\n";
        }
        if (rows.empty()) continue;
        text += "\n#### " + std::string(headings[k]) +
                "\n\n| Change | Operations | Where |\n|---|---|---|\n" + rows;
    }
    return text;
}

}  // namespace loadstar::openapi
