#include "render/budget_output.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace quarterdeck::render {
namespace {

std::string amounts(const Journal& journal, const std::map<std::uint32_t, std::int64_t>& by_commodity) {
  std::string out;
  for (const auto& [commodity, quantity] : by_commodity) {
    if (quantity == 0) continue;
    if (!out.empty()) out += ", ";
    out += format_amount(quantity, journal.commodities[commodity]);
  }
  return out.empty() ? "0" : out;
}

// "113% of $1,200.00" when actual and budget are in one commodity.
std::string budget_part(const Journal& journal, const BudgetReport::Cell& cell) {
  if (!cell.budgeted) return "";
  const std::string budget = amounts(journal, cell.budget);
  std::int64_t b = 0;
  std::uint32_t commodity = 0;
  int nonzero = 0;
  for (const auto& [c, q] : cell.budget) {
    if (q != 0) {
      ++nonzero;
      b = q;
      commodity = c;
    }
  }
  bool same = nonzero == 1;
  std::int64_t a = 0;
  for (const auto& [c, q] : cell.actual) {
    if (q == 0) continue;
    if (c != commodity) same = false;
    a = q;
  }
  if (!same) return fmt::format("[{}]", budget);
  return fmt::format("[{}% of {}]", percent_used(a, b).value_or(0), budget);
}

std::string quoted(const std::string& s) {
  std::string out = "\"";
  for (const char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

}  // namespace

std::string budget_text(const Journal& journal, const BudgetReport& report) {
  if (report.columns.empty()) return "";
  std::vector<std::vector<std::string>> cells;
  std::vector<std::string> header{"Account"};
  for (const auto& c : report.columns) header.push_back(c.label);
  cells.push_back(header);
  for (const auto& row : report.rows) {
    std::vector<std::string> line{row.account};
    for (const auto& cell : row.cells) {
      const std::string budget = budget_part(journal, cell);
      line.push_back(amounts(journal, cell.actual) + (budget.empty() ? "" : " " + budget));
    }
    cells.push_back(std::move(line));
  }
  std::vector<std::size_t> width(header.size(), 0);
  for (const auto& line : cells) {
    for (std::size_t i = 0; i < line.size(); ++i) width[i] = std::max(width[i], line[i].size());
  }
  std::string out = fmt::format("Budget against actual, {} to {}\n\n", report.columns.front().from.to_string(),
                                report.columns.back().to.plus_days(-1).to_string());
  for (const auto& line : cells) {
    std::string text = fmt::format("{:<{}}", line[0], width[0]);
    for (std::size_t i = 1; i < line.size(); ++i) text += fmt::format("  {:>{}}", line[i], width[i]);
    while (!text.empty() && text.back() == ' ') text.pop_back();
    out += text + "\n";
  }
  return out;
}

std::string budget_csv(const Journal& journal, const BudgetReport& report) {
  std::string out = quoted("Account");
  for (const auto& c : report.columns) out += "," + quoted(c.label) + "," + quoted("budget");
  out += "\n";
  for (const auto& row : report.rows) {
    out += quoted(row.account);
    for (const auto& cell : row.cells) {
      out += "," + quoted(amounts(journal, cell.actual));
      out += "," + quoted(cell.budgeted ? amounts(journal, cell.budget) : "");
    }
    out += "\n";
  }
  return out;
}

}  // namespace quarterdeck::render
