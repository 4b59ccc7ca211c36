#pragma once

#include <map>
#include <set>
#include <string>

#include "engine/codegen/python_code.h"

namespace loadstar::codegen {

// The imports of one module, written as isort (black profile) groups them: the
// standard library, third-party packages, then the project's own modules; plain
// `import x` before `from x import ...` in each group, names ordered constants,
// classes, then functions.
class PythonImports {
  public:
    void module(const std::string& name);                           // import name
    void from(const std::string& module, const std::string& name);  // from module import name
    void merge(const PythonImports& other);
    bool empty() const { return modules_.empty() && names_.empty(); }
    // The names imported from `module` (none: empty).
    std::set<std::string> namesFrom(const std::string& module) const;
    void write(PySource& source) const;

  private:
    std::set<std::string> modules_;
    std::map<std::string, std::set<std::string>> names_;
};

}  // namespace loadstar::codegen
