// `quarterdeck sections`: the section catalogue (`--charts`: the chart
// catalogue), for a person writing a report definition (text) or a tool
// checking the documentation (JSON).
#include <algorithm>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "analyze/charts.hpp"
#include "analyze/sections/catalogue.hpp"
#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "util/strings.hpp"

namespace quarterdeck::cli {

namespace {

// The entries of a catalogue (sections or charts): id, title, what it reads.
template <typename Info>
int print_catalogue(const std::vector<Info>& catalogue, const SectionsOptions& options,
                    const Output& out) {
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

}  // namespace

int sections_command(const SectionsOptions& options, const Environment& env) {
  const Output out = output_for(env);
  if (options.charts) return print_catalogue(chart_catalogue(), options, out);
  return print_catalogue(section_catalogue(), options, out);
}

}  // namespace quarterdeck::cli
