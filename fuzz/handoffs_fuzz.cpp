// Fuzz target for the handoff note reader (AFL++, built like journal_fuzz by
// `make fuzz`). The input is one Markdown note: checked as the portfolio
// reader checks every file (byte-order mark, UTF-8), then parsed with
// cmark-gfm and walked for the entity, title and task items. Any crash,
// sanitizer report or stack overflow is a bug; diagnostics are not.
#include <string>
#include <string_view>

#include "fuzz_main.hpp"
#include "ingest/handoffs.hpp"
#include "util/text_input.hpp"
#include "util/utf8.hpp"

namespace {

void parse(std::string_view input) {
  using namespace quarterdeck;
  Diagnostics diagnostics;
  const auto text = checked_text(input, "notes/fuzz.md", diagnostics);
  if (!text) return;
  const HandoffNote note = parse_handoff(*text, "notes/fuzz.md", diagnostics);
  // What the reports read of a note must be UTF-8 when the note was.
  std::string all = note.entity + note.title;
  for (const auto& item : note.items) {
    all += item.text + item.owner;
    if (item.due) all += item.due->to_string();
  }
  for (const auto& d : diagnostics) all += d.to_string();
  if (find_invalid_utf8(all)) __builtin_trap();
}

}  // namespace

int main(int argc, char** argv) {
  return quarterdeck::fuzz::run(argc, argv, parse);
}
