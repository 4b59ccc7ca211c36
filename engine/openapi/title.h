#pragma once

#include <string>
#include <string_view>

namespace loadstar::openapi {

// The title Pydantic derives from a field name and FastAPI from a function or
// parameter name: Python's str.title() with underscores turned into spaces, so
// "book_id" -> "Book Id", "x-api-key" -> "X-Api-Key", "bookId" -> "Bookid".
// Non-ASCII letters are kept as they are but count as letters, so a word that
// continues after one is not capitalised again.
std::string titleFromName(std::string_view name);

}  // namespace loadstar::openapi
