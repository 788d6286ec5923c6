#include "config/season.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <optional>

#include "util/strings.hpp"

namespace quarterdeck {
namespace {

constexpr std::array<std::string_view, 12> k_months = {
    "january", "february", "march",     "april",   "may",      "june",
    "july",    "august",   "september", "october", "november", "december"};

// 1-12 for "apr", "April", "APRIL"; nullopt otherwise.
std::optional<int> month_number(std::string_view word) {
  const std::string lower = to_lower(word);
  for (std::size_t i = 0; i < k_months.size(); ++i) {
    if (lower == k_months[i] || (lower.size() == 3 && k_months[i].starts_with(lower))) {
      return static_cast<int>(i) + 1;
    }
  }
  return std::nullopt;
}

constexpr std::string_view k_expected_month = "a month such as `Apr` or `April`";

}  // namespace

std::expected<std::vector<int>, SeasonError> parse_season(std::string_view text) {
  std::array<bool, 13> in{};
  std::size_t start = 0;
  while (true) {
    const std::size_t comma = text.find(',', start);
    const std::size_t end = comma == std::string_view::npos ? text.size() : comma;
    const std::string_view part = text.substr(start, end - start);
    const std::string_view body = trim(part);
    const std::size_t at =
        start + (body.empty() ? 0 : static_cast<std::size_t>(body.data() - part.data()));
    if (body.empty()) {
      return std::unexpected(SeasonError{at, "a month or a range of months such as `Apr-Oct`",
                                         text.empty() ? "an empty season" : "an empty part"});
    }
    const std::size_t dash = body.find('-');
    const std::string_view first = trim(body.substr(0, dash));
    const auto from = month_number(first);
    if (!from)
      return std::unexpected(
          SeasonError{at, std::string(k_expected_month), fmt::format("`{}`", first)});
    int to = *from;
    if (dash != std::string_view::npos) {
      const std::string_view rest = body.substr(dash + 1);
      const std::string_view last = trim(rest);
      const std::size_t last_at =
          at + dash + 1 + static_cast<std::size_t>(last.empty() ? 0 : last.data() - rest.data());
      const auto until = month_number(last);
      if (!until) {
        return std::unexpected(
            SeasonError{last_at, std::string(k_expected_month) + " after `-`",
                        last.empty() ? std::string("nothing") : fmt::format("`{}`", last)});
      }
      if (*until == *from) {
        return std::unexpected(SeasonError{
            at, "a range of two different months, or one month alone", fmt::format("`{}`", body)});
      }
      to = *until;
    }
    // Wraps over the new year: Nov-Feb is 11, 12, 1, 2.
    for (int m = *from;; m = m % 12 + 1) {
      in[static_cast<std::size_t>(m)] = true;
      if (m == to) break;
    }
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
  std::vector<int> months;
  for (int m = 1; m <= 12; ++m) {
    if (in[static_cast<std::size_t>(m)]) months.push_back(m);
  }
  if (months.size() == 12) months.clear();  // all year
  return months;
}

}  // namespace quarterdeck
