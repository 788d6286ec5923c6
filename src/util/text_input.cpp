#include "util/text_input.hpp"

#include <fmt/format.h>

#include <cctype>

#include "util/files.hpp"
#include "util/utf8.hpp"

namespace quarterdeck {

std::optional<std::string_view> checked_text(std::string_view text, const std::string& display,
                                             Diagnostics& diagnostics) {
  text = strip_bom(text);
  if (const auto problem = find_invalid_utf8(text)) {
    diagnostics.push_back({{display, problem->line, problem->column},
                           "not UTF-8",
                           "UTF-8 text (save the file as UTF-8)",
                           fmt::format("byte 0x{:02X}", problem->byte),
                           ""});
    return std::nullopt;
  }
  return text;
}

std::optional<std::string> read_text_input(const std::filesystem::path& path,
                                           const std::string& display, Diagnostics& diagnostics) {
  auto text = read_file(path);
  if (!text) {
    // read_file names the path as given to it (perhaps absolute); the
    // diagnostic names the file as the person wrote it.
    std::string_view why = text.error().message;
    if (const std::string prefix = path.string() + ": "; why.starts_with(prefix))
      why.remove_prefix(prefix.size());
    std::string found(why);
    if (constexpr std::string_view k_os = "cannot read: "; why.starts_with(k_os)) {
      found = why.substr(k_os.size());  // strerror's text: "No such file or directory"
      if (!found.empty())
        found[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(found[0])));
    }
    diagnostics.push_back({{display, 0, 0},
                           "cannot read file",
                           fmt::format("a regular file of at most {}", k_max_input_text),
                           found,
                           ""});
    return std::nullopt;
  }
  const auto checked = checked_text(*text, display, diagnostics);
  if (!checked) return std::nullopt;
  if (checked->size() != text->size()) text->erase(0, text->size() - checked->size());
  return std::move(*text);
}

}  // namespace quarterdeck
