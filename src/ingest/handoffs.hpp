// Project handoff notes: Markdown files whose first line is `entity: ID`,
// with GitHub task lists for open (`- [ ]`) and done (`- [x]`) items.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "util/date.hpp"
#include "util/diagnostic.hpp"

namespace quarterdeck {

struct HandoffItem {
  std::string text;  // the item's text, without @owner and due: markers
  bool done = false;
  std::string owner;  // role named as @role, may be empty
  std::optional<Date> due;  // from `due: YYYY-MM-DD`
  int line = 0;
};

struct HandoffNote {
  std::string file;    // relative to the portfolio
  std::string entity;  // from the first line
  std::string title;   // first heading, may be empty
  std::vector<HandoffItem> items;
};

HandoffNote parse_handoff(std::string_view text, const std::string& file, Diagnostics& diagnostics);

}  // namespace quarterdeck
