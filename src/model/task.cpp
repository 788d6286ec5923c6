#include "model/task.hpp"

#include <array>
#include <utility>

namespace quarterdeck {
namespace {

constexpr std::array<std::pair<TaskStatus, std::string_view>, 4> k_names = {{
    {TaskStatus::open, "open"},
    {TaskStatus::done, "done"},
    {TaskStatus::snoozed, "snoozed"},
    {TaskStatus::resolved, "resolved"},
}};

}  // namespace

std::string_view to_string(TaskStatus s) {
  for (const auto& [status, name] : k_names) {
    if (status == s) return name;
  }
  return "open";
}

std::optional<TaskStatus> parse_task_status(std::string_view text) {
  for (const auto& [status, name] : k_names) {
    if (name == text) return status;
  }
  return std::nullopt;
}

}  // namespace quarterdeck
