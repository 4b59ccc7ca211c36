#pragma once

#include "engine/model/scenario.h"

namespace loadstar::widgets {

class ProjectDocument;

// Adding, duplicating and deleting whole models, endpoints and scenarios; each is one named
// undo step. Functions return the index of the new item.
int addModel(ProjectDocument& document);
int addEndpoint(ProjectDocument& document);
int duplicateModel(ProjectDocument& document, int index);
int duplicateEndpoint(ProjectDocument& document, int index);
// Returns how many references to the deleted model now point nowhere.
int deleteModel(ProjectDocument& document, int index);
void deleteEndpoint(ProjectDocument& document, int index);

// Scenarios: a new one is `scenario` (a preset) under a name no other has.
int addScenario(ProjectDocument& document, model::Scenario scenario);
int duplicateScenario(ProjectDocument& document, int index);
void deleteScenario(ProjectDocument& document, int index);

}  // namespace loadstar::widgets
