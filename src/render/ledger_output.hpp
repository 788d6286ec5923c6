// Text, JSON and CSV forms of the balance and register reports. Text is laid
// out like ledger's: amounts right-aligned in 20 columns, one line per
// commodity, the account on the last line, then a rule and the total.
#pragma once

#include <string>
#include <vector>

#include "analyze/ledger_reports.hpp"

namespace quarterdeck::render {

std::string balance_text(const Journal& journal, const BalanceReport& report);
// {account: {commodity: "amount"}}; the commodity "" is written as "".
std::string balance_json(const Journal& journal, const BalanceReport& report);
// account,commodity,amount
std::string balance_csv(const Journal& journal, const BalanceReport& report);
// date,payee,account,commodity,amount: one line per register row and
// commodity (virtual accounts as `(NAME)` or `[NAME]`).
std::string register_csv(const Journal& journal, const std::vector<RegisterRow>& rows);

std::string register_text(const Journal& journal, const std::vector<RegisterRow>& rows);

}  // namespace quarterdeck::render
