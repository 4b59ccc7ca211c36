#pragma once

#include <iosfwd>
#include <string>
#include <vector>

namespace loadstar::cli {

// Each subcommand: args after the subcommand's name; output to `out`, diagnostics to `err`.
int runCheck(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
int runGenerate(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
int runFormat(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
int runExport(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
int runImportResults(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
int runOpenApi(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
int runDiff(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
int runImport(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

}  // namespace loadstar::cli
