#include "render/ledger_output.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "util/strings.hpp"

namespace quarterdeck::render {
namespace {

std::string show(const Journal& journal, const ReportAmount& a) {
  return format_amount(a.quantity, journal.commodities[a.commodity]);
}

std::string decimal(const Journal& journal, const ReportAmount& a) {
  CommodityStyle plain;
  plain.precision = journal.commodities[a.commodity].precision;
  return format_amount(a.quantity, plain);
}

void amount_lines(std::string& out, const Journal& journal, const std::vector<ReportAmount>& amounts,
                  const std::string& label) {
  if (amounts.empty()) {
    out += fmt::format("{:>20}", "0");
    out += label.empty() ? "\n" : "  " + label + "\n";
    return;
  }
  for (std::size_t i = 0; i < amounts.size(); ++i) {
    out += pad_left(show(journal, amounts[i]), 20);
    if (i + 1 == amounts.size() && !label.empty()) out += "  " + label;
    out += "\n";
  }
}

std::string csv_field(const std::string& s) {
  if (s.find_first_of(",\"\n") == std::string::npos) return s;
  std::string out = "\"";
  for (const char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string fit(std::string_view s, std::size_t width) {
  if (display_width(s) <= width) return pad_right(s, width);
  std::string out;
  std::size_t w = 0;
  for (std::size_t i = 0; i < s.size() && w + 2 < width; ++i) {
    out += s[i];
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) ++w;
  }
  return pad_right(out + "..", width);
}

}  // namespace

std::string balance_text(const Journal& journal, const BalanceReport& report) {
  std::string out;
  for (const auto& row : report.rows) {
    amount_lines(out, journal, row.amounts, std::string(static_cast<std::size_t>(row.indent) * 2, ' ') + row.account);
  }
  out += "--------------------\n";
  amount_lines(out, journal, report.total, "");
  return out;
}

std::string balance_json(const Journal& journal, const BalanceReport& report) {
  nlohmann::ordered_json j = nlohmann::ordered_json::object();
  for (const auto& row : report.rows) {
    nlohmann::ordered_json amounts = nlohmann::ordered_json::object();
    for (const auto& a : row.amounts) amounts[journal.commodities[a.commodity].symbol] = decimal(journal, a);
    j[row.account] = std::move(amounts);
  }
  return j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";  // never throws on a string
}

std::string balance_csv(const Journal& journal, const BalanceReport& report) {
  std::string out = "account,commodity,amount\n";
  for (const auto& row : report.rows) {
    for (const auto& a : row.amounts) {
      out += fmt::format("{},{},{}\n", csv_field(row.account), csv_field(journal.commodities[a.commodity].symbol),
                         decimal(journal, a));
    }
  }
  return out;
}

std::string register_csv(const Journal& journal, const std::vector<RegisterRow>& rows) {
  std::string out = "date,payee,account,commodity,amount\n";
  for (const auto& row : rows) {
    for (const auto& a : row.amount) {
      out += fmt::format("{},{},{},{},{}\n", row.date.to_string(), csv_field(row.payee), csv_field(row.account),
                         csv_field(journal.commodities[a.commodity].symbol), decimal(journal, a));
    }
  }
  return out;
}

std::string register_text(const Journal& journal, const std::vector<RegisterRow>& rows) {
  std::string out;
  for (const auto& row : rows) {
    const std::string date =
        row.payee.empty() && row.end_date != row.date
            ? fmt::format("{} - {}", row.date.to_string(), row.end_date.to_string())
            : row.date.to_string();
    const std::size_t lines = std::max<std::size_t>(1, std::max(row.amount.size(), row.running_total.size()));
    for (std::size_t i = 0; i < lines; ++i) {
      std::string line = i == 0 ? fit(date, row.payee.empty() ? 23 : 10) + " " +
                                      (row.payee.empty() ? fit(row.account, 33) : fit(row.payee, 22) + " " + fit(row.account, 22))
                                : std::string(56, ' ');
      line += " " + pad_left(i < row.amount.size() ? show(journal, row.amount[i]) : "", 12);
      line += " " + pad_left(i < row.running_total.size() ? show(journal, row.running_total[i]) : (i == 0 ? "0" : ""), 12);
      while (!line.empty() && line.back() == ' ') line.pop_back();
      out += line + "\n";
    }
  }
  return out;
}

}  // namespace quarterdeck::render
