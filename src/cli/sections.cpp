// `quarterdeck sections`: the section catalogue, for a person writing a
// report definition (text) or a tool checking the documentation (JSON).
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "analyze/sections/catalogue.hpp"
#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "util/strings.hpp"

namespace quarterdeck::cli {

int sections_command(const SectionsOptions& options, const Environment& env) {
  const Output out = output_for(env);
  const auto& catalogue = section_catalogue();
  if (options.format == "json") {
    nlohmann::json j = nlohmann::json::array();
    for (const auto& s : catalogue) {
      j.push_back({{"id", std::string(s.id)},
                   {"title", std::string(s.title)},
                   {"needs", std::string(s.needs)}});
    }
    out.data(j.dump(2) + "\n");
    return k_exit_ok;
  }
  std::size_t id_width = 2, title_width = 5;
  for (const auto& s : catalogue) {
    id_width = std::max(id_width, display_width(s.id));
    title_width = std::max(title_width, display_width(s.title));
  }
  out.print("{}  {}  {}\n", pad_right("Id", id_width), pad_right("Title", title_width), "Needs");
  for (const auto& s : catalogue) {
    out.print("{}  {}  {}\n", pad_right(s.id, id_width), pad_right(s.title, title_width), s.needs);
  }
  return k_exit_ok;
}

}  // namespace quarterdeck::cli
