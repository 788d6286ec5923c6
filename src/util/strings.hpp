// String helpers with no domain knowledge.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace quarterdeck {

std::string_view trim(std::string_view s);
std::vector<std::string_view> split(std::string_view s, char sep);
bool starts_with_ci(std::string_view s, std::string_view prefix);
std::string to_lower(std::string_view s);
std::string join(std::span<const std::string> parts, std::string_view sep);

// Levenshtein distance, for "did you mean" suggestions.
std::size_t edit_distance(std::string_view a, std::string_view b);

// The candidate closest to `word` if it is close enough to be a likely typo
// (distance at most a third of the word's length, and at least 1 allowed).
std::optional<std::string> closest_match(std::string_view word,
                                         std::span<const std::string_view> candidates);

// Pads or leaves `s` to `width` display columns (UTF-8 aware for width).
std::string pad_right(std::string_view s, std::size_t width);
std::string pad_left(std::string_view s, std::size_t width);
std::size_t display_width(std::string_view s);

// A slug of [a-z0-9-] for ids: "3028 51st St" -> "3028-51st-st".
std::string slugify(std::string_view s);

}  // namespace quarterdeck
