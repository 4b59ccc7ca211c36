#pragma once

#include <string>
#include <vector>

namespace loadstar::codegen {

// One import a piece of app/compat.py needs: `from module import name`, or
// `import module` when name is empty.
struct CompatImport {
    const char* module;
    const char* name;
};

// One named thing app/compat.py can define: its Pydantic 2 spelling and its Pydantic
// 1 spelling (both indented one level, inside `if PYDANTIC_V2:` / `else:`), what each
// branch imports, code both versions share (module level, before the branches), and
// the other pieces it builds on.
struct CompatPiece {
    const char* name;
    const char* v2;
    const char* v1;
    std::vector<CompatImport> v2Imports;
    std::vector<CompatImport> v1Imports;
    const char* shared = "";
    std::vector<CompatImport> sharedImports = {};
    std::vector<const char*> needs = {};
};

// Every piece, in the order compat.py defines them.
const std::vector<CompatPiece>& compatPieces();

}  // namespace loadstar::codegen
