// The redaction boundary: text on its way out of the program (a diagnostic,
// a progress line, a report, a store row) has every secret value replaced by
// `[redacted NAME]` and the user name and password of every URL in it
// replaced by `[redacted]`. What counts as a secret is decided by the caller
// (config knows the env file and the ${VAR} expansions, cli the credential
// variables); this file only knows how to hide values once given them.
//
// The rule (docs/config.md, "Redaction"):
// - a credential (a variable whose name says so, see is_credential_name, or
//   one the program reads as a credential) is redacted whatever its length;
// - any other value (an env-file value, a ${VAR} expansion) is redacted when
//   it is at least k_min_value_length characters long: shorter values
//   ("1", "true", "USD") are not secrets and would rewrite ordinary words;
// - a value is also found in the forms the reports write it in: HTML-escaped
//   and JSON-escaped, and as the slug an id is made of (util/strings.hpp); a
//   URL's user name and password also percent-decoded;
// - a value cut short (a quote truncated to a width) is found by its start:
//   text that begins like the value for at least a third of it, and at least
//   k_min_fragment_length characters (all of a shorter value), is redacted up
//   to where it stops matching.
//
// A Redactor is a value: copy it, fill it, pass it by const reference. It is
// not synchronised; apply() on a const Redactor is safe from many threads.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace quarterdeck {

enum class Sensitivity {
  credential,  // redacted whatever its length
  value,       // redacted from k_min_value_length characters on
};

inline constexpr std::size_t k_min_value_length = 6;
inline constexpr std::size_t k_min_fragment_length = 8;

class Redactor {
 public:
  // Registers `value` under `name`. Empty values and short non-credentials
  // are ignored. A value that is a URL with a user name or password also
  // registers those as credentials.
  void add(std::string_view name, std::string_view value, Sensitivity sensitivity);
  // Registers only the user name and password of the URL `value` (as
  // credentials): for variables that name a server (SMTP_URL), whose host
  // an error message must be able to show.
  void add_url(std::string_view name, std::string_view value);
  void merge(const Redactor& other);

  // `text` with every registered value replaced by `[redacted NAME]` and
  // every URL's user information by `[redacted]`. Replacements are found in
  // the original text in one pass, so a placeholder is never rewritten.
  std::string apply(std::string_view text) const;

  bool empty() const { return entries_.empty(); }
  std::size_t size() const { return entries_.size(); }

 private:
  struct Entry {
    std::string value;
    std::string label;  // "[redacted NAME]"
  };
  void add_form(std::string_view value, const std::string& label);
  void add_userinfo(std::string_view name, std::string_view userinfo);
  std::vector<Entry> entries_;
};

// True for names that say they hold a credential: containing KEY, SECRET,
// TOKEN, PASS (PASSWORD, PASSWD), PWD, CREDENTIAL, AUTH or PRIVATE (any case),
// except the shell's PWD and OLDPWD.
bool is_credential_name(std::string_view name);

// Every `scheme://user[:password]@` in `text` becomes `scheme://[redacted]@`.
std::string strip_url_userinfo(std::string_view text);

// `text` safe to print on a terminal: C0 control characters other than
// newline and tab, DEL, C1 controls, bidirectional overrides and bytes that
// are not UTF-8 become visible escapes (`\x1b`, `\u{202e}`, `\xe9`).
std::string escape_controls(std::string_view text);

}  // namespace quarterdeck
