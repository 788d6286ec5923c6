// Checks five-field cron expressions (minute hour day-of-month month
// day-of-week, with names such as MON and JAN). The scheduler issue brings
// evaluation; this only says whether an expression is valid and why not.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace quarterdeck {

// nullopt when valid, else what is wrong ("field 2 (hour): 25 is out of range 0-23").
std::optional<std::string> check_cron(std::string_view expression);

}  // namespace quarterdeck
