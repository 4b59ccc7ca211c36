#pragma once

#include <string>
#include <vector>

#include "engine/codegen/generator.h"
#include "engine/model/project.h"

namespace loadstar::codegen {

enum class FlaskWorker { Sync, Gthread };

struct LaunchOptions {
    std::string python = "/usr/bin/python3";  // Debian's, where the packages below install
    std::string host = "127.0.0.1";
    int port = 8000;
    int workers = 1;                         // uvicorn --workers / gunicorn --workers
    FlaskWorker worker = FlaskWorker::Sync;  // Flask only
    int threads = 8;                         // gthread only
};

// The command that serves a generated project (run it with the project folder as
// the working directory): uvicorn for FastAPI, gunicorn for Flask, with the design's
// limits (keep-alive, connections, header size). The start scripts run the same.
std::vector<std::string> launchCommand(const model::Project& project, Framework framework,
                                       const LaunchOptions& options);

// A Python module the generated app imports, and the Debian package that has it.
struct PythonRequirement {
    std::string module;           // "fastapi"
    std::string debianPackage;    // "python3-fastapi"
    std::string pypiRequirement;  // "fastapi>=0.92"; empty when another line brings it
};

// What the generated project needs, in a fixed order (email-validator only when the
// design has email fields).
std::vector<PythonRequirement> pythonRequirements(const model::Project& project, Framework framework);

// The requirements `python` cannot import (it is run once with a short script).
// When `python` cannot be run at all, every requirement is returned.
std::vector<PythonRequirement> missingPythonModules(const std::string& python, const model::Project& project,
                                                    Framework framework);

// "Python modules missing for /usr/bin/python3: fastapi, uvicorn. On Debian or Ubuntu:
// apt-get install python3-fastapi python3-uvicorn"
std::string missingPythonMessage(const std::string& python, const std::vector<PythonRequirement>& missing);

// The design uses email fields (EmailStr needs the email-validator package).
bool usesEmail(const model::Project& project);

}  // namespace loadstar::codegen
