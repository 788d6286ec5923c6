#include "ingest/handoffs.hpp"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>

#include <cstdlib>
#include <memory>
#include <regex>
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

// The plain text of an inline subtree.
std::string text_of(cmark_node* node) {
  std::string out;
  for (cmark_node* child = cmark_node_first_child(node); child != nullptr;
       child = cmark_node_next(child)) {
    const cmark_node_type type = cmark_node_get_type(child);
    if (type == CMARK_NODE_TEXT || type == CMARK_NODE_CODE) {
      if (const char* literal = cmark_node_get_literal(child)) out += literal;
    } else if (type == CMARK_NODE_SOFTBREAK || type == CMARK_NODE_LINEBREAK) {
      out += ' ';
    } else if (type != CMARK_NODE_LIST) {
      out += text_of(child);
    }
  }
  return out;
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
  static const std::regex k_owner(R"((^|\s)@([a-z][a-z0-9_-]*))");
  static const std::regex k_due(R"(\bdue:\s*(\d{4}-\d{2}-\d{2}))");
  std::smatch m;
  if (std::regex_search(text, m, k_due)) {
    out.due = Date::parse(m[1].str());
    if (!out.due) {
      diagnostics.push_back({{file, out.line, 1}, "invalid due date", "a real date YYYY-MM-DD",
                             "`" + m[1].str() + "`", ""});
    }
    text = m.prefix().str() + m.suffix().str();
  }
  if (std::regex_search(text, m, k_owner)) {
    out.owner = m[2].str();
    text = m.prefix().str() + m[1].str() + m.suffix().str();
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
                           first_line.empty() ? "an empty line" : "`" + std::string(first_line.substr(0, 40)) + "`",
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
