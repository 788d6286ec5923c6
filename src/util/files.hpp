// Whole-file reads and atomic writes.
#pragma once

#include <expected>
#include <filesystem>
#include <string>
#include <string_view>

#include "util/diagnostic.hpp"

namespace quarterdeck {

std::expected<std::string, Error> read_file(const std::filesystem::path& path);

// Writes to a temporary file beside `path`, then renames it into place, so a
// reader sees the old content or the new, never half of it.
std::expected<void, Error> write_file_atomic(const std::filesystem::path& path,
                                             std::string_view content);

}  // namespace quarterdeck
