// An entity's season as written in its file: the months it operates, as
// month ranges and single months separated by commas ("Apr-Oct",
// "Nov-Feb" wrapping over the new year, "Jun, Aug-Sep"). Month names are
// English, three letters or in full, in any case.
#pragma once

#include <cstddef>
#include <expected>
#include <string>
#include <string_view>
#include <vector>

namespace quarterdeck {

struct SeasonError {
  std::size_t offset = 0;  // where in the text the problem starts (bytes)
  std::string expected;
  std::string found;
};

// The months (1-12, ascending, each once) the text names; an error with its
// place in the text for anything else (an unknown month, an empty part, a
// range of one month written twice).
std::expected<std::vector<int>, SeasonError> parse_season(std::string_view text);

}  // namespace quarterdeck
