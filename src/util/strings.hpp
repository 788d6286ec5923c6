// String helpers with no domain knowledge.
#pragma once

#include <cstdint>
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

// Pads or leaves `s` to `width` display columns: a code point is one
// column, East Asian wide and full-width ones two, combining marks none.
std::string pad_right(std::string_view s, std::size_t width);
std::string pad_left(std::string_view s, std::size_t width);
std::size_t display_width(std::string_view s);

// A slug of [a-z0-9-] for ids: "3028 51st St" -> "3028-51st-st".
std::string slugify(std::string_view s);

// Words for people (English), for every text a reader sees.

// `n` with a comma between groups of three digits: 1200 -> "1,200",
// -1234567 -> "-1,234,567", 999 -> "999".
std::string thousands(std::int64_t n);

// A count and its noun, agreeing: plural(1, "finding") -> "1 finding",
// plural(1200, "finding") -> "1,200 findings"; an irregular plural is given:
// plural(2, "entity", "entities") -> "2 entities". Empty `many` adds "s".
std::string plural(std::int64_t n, std::string_view one, std::string_view many = {});

// The indefinite article for the phrase `s` by how it is spoken: "an" for
// "agency", "hour", "AWS key", "8-hour day", "SMS"; "a" for "booking",
// "user", "one-off", "URL", "European". Empty `s` gives "a".
std::string_view article(std::string_view s);
// `s` with its article: with_article("agency business") -> "an agency business".
std::string with_article(std::string_view s);

// A code made of words and underscores, for people: "not_listed" ->
// "not listed", "below_target" -> "below target".
std::string words_of(std::string_view code);

// `s` escaped for HTML text and attributes: & < > " ' as Mustache escapes
// them.
std::string html_escaped(std::string_view s);

// Inline code spans (CommonMark: a run of N backticks up to the next run of
// exactly N) in prose. `strip_code_spans` keeps their text without the
// backticks, for plain text; `html_with_code_spans` escapes `s` for HTML
// (& < > " ') and makes each span a <code> element. A backtick without its
// closing run stays as it is.
std::string strip_code_spans(std::string_view s);
std::string html_with_code_spans(std::string_view s);

// `s` as GitHub-flavoured Markdown that shows it literally, code spans kept
// as code spans: Markdown punctuation (\ ` * _ [ ] | ~) backslash-escaped
// (not an underscore inside a word, which cannot make emphasis),
// `<` as &lt;, `&` as &amp; where it would begin an entity, line breaks as
// spaces; inline, a block marker at the start ("# ", "> ", "- ", "1. ") is
// escaped too and leading spaces dropped. In a table cell, `|` is escaped
// inside code spans as well (GFM splits cells first).
enum class MarkdownContext { inline_text, table_cell };
std::string markdown_with_code_spans(std::string_view s,
                                     MarkdownContext context = MarkdownContext::inline_text);

}  // namespace quarterdeck
