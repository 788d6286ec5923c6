#include "ingest/handoffs.hpp"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <memory>
#include <optional>
#include <string_view>

#include "util/strings.hpp"

namespace quarterdeck {
namespace {

struct NodeDeleter {
  void operator()(cmark_node* n) const { cmark_node_free(n); }
};
struct ParserDeleter {
  void operator()(cmark_parser* p) const { cmark_parser_free(p); }
};
struct IterDeleter {
  void operator()(cmark_iter* i) const { cmark_iter_free(i); }
};

// The plain text of a subtree, nested lists left out. Walked with cmark's
// iterator, not by recursion: a line of a million `*` around a word is a
// tree half a million levels deep, which a recursive walk cannot descend.
std::string text_of(cmark_node* node) {
  std::string out;
  std::unique_ptr<cmark_iter, IterDeleter> iter(cmark_iter_new(node));
  cmark_event_type event;
  while ((event = cmark_iter_next(iter.get())) != CMARK_EVENT_DONE) {
    if (event != CMARK_EVENT_ENTER) continue;
    cmark_node* child = cmark_iter_get_node(iter.get());
    if (child == node) continue;
    const cmark_node_type type = cmark_node_get_type(child);
    if (type == CMARK_NODE_TEXT || type == CMARK_NODE_CODE) {
      if (const char* literal = cmark_node_get_literal(child)) out += literal;
    } else if (type == CMARK_NODE_SOFTBREAK || type == CMARK_NODE_LINEBREAK) {
      out += ' ';
    } else if (type == CMARK_NODE_LIST) {
      cmark_iter_reset(iter.get(), child, CMARK_EVENT_EXIT);  // skip the nested list
    }
  }
  return out;
}

bool is_word(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }
bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

// The first `due: YYYY-MM-DD` (\bdue:\s*\d{4}-\d{2}-\d{2}) in `text`: where
// it starts and ends, and the date's text. Scanned by hand rather than with
// std::regex, whose backtracking recurses once a character and so overflows
// the stack on a long enough line.
struct Marker {
  std::size_t begin = 0, end = 0;
  std::string_view value;
};

std::optional<Marker> find_due(std::string_view text) {
  for (std::size_t at = text.find("due:"); at != std::string_view::npos; at = text.find("due:", at + 1)) {
    if (at > 0 && is_word(text[at - 1])) continue;
    std::size_t i = at + 4;
    while (i < text.size() && is_space(text[i])) ++i;
    const std::string_view date = text.substr(i, 10);
    const bool shaped = date.size() == 10 && date[4] == '-' && date[7] == '-' &&
                        std::ranges::all_of(std::array{0, 1, 2, 3, 5, 6, 8, 9},
                                            [&](int k) { return is_digit(date[static_cast<std::size_t>(k)]); });
    if (shaped) return Marker{at, i + 10, date};
  }
  return std::nullopt;
}

// The first `@role` at the start or after white space ((^|\s)@[a-z][a-z0-9_-]*):
// from the `@` to the end of the role, and the role.
std::optional<Marker> find_owner(std::string_view text) {
  for (std::size_t at = text.find('@'); at != std::string_view::npos; at = text.find('@', at + 1)) {
    if (at > 0 && !is_space(text[at - 1])) continue;
    std::size_t i = at + 1;
    if (i >= text.size() || text[i] < 'a' || text[i] > 'z') continue;
    while (i < text.size() && ((text[i] >= 'a' && text[i] <= 'z') || is_digit(text[i]) || text[i] == '_' ||
                               text[i] == '-')) {
      ++i;
    }
    return Marker{at, i, text.substr(at + 1, i - at - 1)};
  }
  return std::nullopt;
}

HandoffItem item_from(cmark_node* item, const std::string& file, Diagnostics& diagnostics) {
  HandoffItem out;
  out.done = cmark_gfm_extensions_get_tasklist_item_checked(item);
  out.line = cmark_node_get_start_line(item);
  std::string text;
  for (cmark_node* child = cmark_node_first_child(item); child != nullptr;
       child = cmark_node_next(child)) {
    if (cmark_node_get_type(child) == CMARK_NODE_PARAGRAPH) text += text_of(child);
  }
  if (const auto due = find_due(text)) {
    out.due = Date::parse(due->value);
    if (!out.due) {
      diagnostics.push_back({{file, out.line, 1}, "invalid due date", fmt::format("{} (YYYY-MM-DD)", Date::range_text()),
                             fmt::format("`{}`", due->value), ""});
    }
    text = text.substr(0, due->begin) + text.substr(due->end);
  }
  if (const auto owner = find_owner(text)) {
    out.owner = std::string(owner->value);
    text = text.substr(0, owner->begin) + text.substr(owner->end);
  }
  std::string collapsed;
  for (const char c : trim(text)) {
    if (c == ' ' && !collapsed.empty() && collapsed.back() == ' ') continue;
    collapsed += c;
  }
  while (!collapsed.empty() && (collapsed.back() == ' ' || collapsed.back() == ',' || collapsed.back() == '-' ||
                                collapsed.back() == ';')) {
    collapsed.pop_back();
  }
  out.text = collapsed;
  return out;
}

// At most the first 40 bytes of `line`, not cutting a UTF-8 sequence.
std::string_view first_forty(std::string_view line) {
  if (line.size() <= 40) return line;
  std::size_t n = 40;
  while (n > 0 && (static_cast<unsigned char>(line[n]) & 0xC0) == 0x80) --n;
  return line.substr(0, n);
}

}  // namespace

HandoffNote parse_handoff(std::string_view text, const std::string& file, Diagnostics& diagnostics) {
  HandoffNote note;
  note.file = file;
  const auto first_newline = text.find('\n');
  const std::string_view first_line = trim(text.substr(0, first_newline));
  if (first_line.starts_with("entity:")) {
    note.entity = std::string(trim(first_line.substr(7)));
  } else {
    diagnostics.push_back({{file, 1, 1}, "handoff note does not name its entity", "a first line `entity: ID`",
                           first_line.empty() ? "an empty line" : "`" + std::string(first_forty(first_line)) + "`",
                           ""});
  }

  cmark_gfm_core_extensions_ensure_registered();
  std::unique_ptr<cmark_parser, ParserDeleter> parser(cmark_parser_new(CMARK_OPT_DEFAULT));
  if (cmark_syntax_extension* tasklist = cmark_find_syntax_extension("tasklist")) {
    cmark_parser_attach_syntax_extension(parser.get(), tasklist);
  }
  // Line numbers from cmark count from the start of what it was fed, so the
  // whole file is parsed; the `entity:` line is an ordinary paragraph to it.
  cmark_parser_feed(parser.get(), text.data(), text.size());
  std::unique_ptr<cmark_node, NodeDeleter> document(cmark_parser_finish(parser.get()));

  std::unique_ptr<cmark_iter, IterDeleter> iter(cmark_iter_new(document.get()));
  cmark_event_type event;
  while ((event = cmark_iter_next(iter.get())) != CMARK_EVENT_DONE) {
    if (event != CMARK_EVENT_ENTER) continue;
    cmark_node* node = cmark_iter_get_node(iter.get());
    const cmark_node_type type = cmark_node_get_type(node);
    if (type == CMARK_NODE_HEADING && note.title.empty()) {
      note.title = text_of(node);
    } else if (type == CMARK_NODE_ITEM) {
      const char* type_string = cmark_node_get_type_string(node);
      if (type_string != nullptr && std::string_view(type_string) == "tasklist") {
        note.items.push_back(item_from(node, file, diagnostics));
      }
    }
  }
  return note;
}

}  // namespace quarterdeck
