// Whole-file reads and atomic writes.
//
// Input limits (docs/config.md "Input limits"): read_file reads regular files
// only (never a device, a pipe or a folder: `/dev/zero` would never end) and
// at most k_max_input_bytes; anything else is an Error naming the file,
// without quoting any of its content.
#pragma once

#include <cstdint>
#include <expected>
#include <filesystem>
#include <string>
#include <string_view>

#include "util/diagnostic.hpp"

namespace quarterdeck {

inline constexpr std::uintmax_t k_max_input_bytes = std::uintmax_t{1} << 30;  // 1 GiB
inline constexpr const char* k_max_input_text = "1 GiB";

std::expected<std::string, Error> read_file(const std::filesystem::path& path);

// Writes to a temporary file beside `path`, then renames it into place, so a
// reader sees the old content or the new, never half of it.
std::expected<void, Error> write_file_atomic(const std::filesystem::path& path,
                                             std::string_view content);

}  // namespace quarterdeck
