#pragma once

#include <cstddef>
#include <map>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "engine/model/project.h"
#include "engine/openapi/contract_diff.h"

namespace loadstar::openapi::detail {

// Which way a value travels: a client sends requests and reads responses, so a
// tighter constraint breaks the first and a looser one the second.
enum class Direction { Request, Response };

// What is being compared, for messages and pointers: "request property \"title\"
// of BookCreate", "parameter \"limit\"", "response body of 200".
struct Subject {
    std::string name;
    std::string oldPointer;
    std::string newPointer;
};

// Compares value types and the models they reach, one direction at a time,
// appending to a list of changes. A pair of models is compared once per
// direction; reaching it again (from another operation, or through recursion)
// only returns the changes it found, so that each can name every operation
// concerned.
class TypeComparer {
  public:
    TypeComparer(const model::Project& before, const model::Project& after, std::vector<Change>& changes)
        : before_(before), after_(after), changes_(changes) {}

    // The indices (into the change list) of every change found under the two types.
    std::vector<std::size_t> compare(const model::TypeSpec& before, const model::TypeSpec& after,
                                     Direction direction, const Subject& subject);

    std::size_t add(ChangeClass kind, std::string id, std::string message, std::string oldPointer,
                    std::string newPointer);

  private:
    using Found = std::vector<std::size_t>;

    Found compareModels(const std::string& before, const std::string& after, Direction direction);
    void compareFields(const model::Model& before, const model::Model& after, std::size_t beforeIndex,
                       std::size_t afterIndex, Direction direction, Found& found);
    void compareConstraints(const model::TypeSpec& before, const model::TypeSpec& after, Direction direction,
                            const Subject& subject, Found& found);
    void compareNumberConstraints(const model::TypeSpec& before, const model::TypeSpec& after,
                                  Direction direction, const Subject& subject, Found& found);
    // Appends the change "DIRECTION-WHAT" ("request-maxLength-decreased") with
    // "SUBJECT: TEXT" as its message.
    void constraintChange(ChangeClass kind, Direction direction, const Subject& subject,
                          const std::string& what, const std::string& text, Found& found);
    void compareEnums(const model::TypeSpec& before, const model::TypeSpec& after, Direction direction,
                      const Subject& subject, Found& found);
    bool kindChange(const model::TypeSpec& before, const model::TypeSpec& after, Direction direction,
                    const Subject& subject, Found& found);

    // type_comparer_kinds.cpp: nullable, unions and their tags, unchecked formats.
    void compareNullable(const model::TypeSpec& before, const model::TypeSpec& after, Direction direction,
                         const Subject& subject, Found& found);
    void compareUnions(const model::TypeSpec& before, const model::TypeSpec& after, Direction direction,
                       const Subject& subject, Found& found);
    void compareTags(const model::TypeSpec& before, const model::TypeSpec& after, Direction direction,
                     const Subject& subject, Found& found);
    void compareOtherFormats(const model::TypeSpec& before, const model::TypeSpec& after, Direction direction,
                             const Subject& subject, Found& found);

    const model::Project& before_;
    const model::Project& after_;
    std::vector<Change>& changes_;
    std::map<std::tuple<std::string, std::string, Direction>, Found> compared_;
    std::set<std::tuple<std::string, std::string, Direction>> comparing_;
    std::set<std::pair<std::string, std::string>> documented_;  // model pairs whose docs changes are listed
    std::map<std::pair<std::string, std::string>, Found> docsFound_;
};

// Whether every value of `narrow` (a different kind) is a value of `wide`: any value
// takes everything, a union takes its alternatives, an enum or a plain type takes
// a literal of its values.
bool accepts(const model::TypeSpec& wide, const model::TypeSpec& narrow);

// The class of a change that narrows what is accepted (tightened) or widens it
// (loosened), seen from a client.
ChangeClass tightened(Direction direction);
ChangeClass loosened(Direction direction);
const char* directionName(Direction direction);  // "request", "response"

}  // namespace loadstar::openapi::detail
