// Placeholder and example recognition shared by every content rule: a value
// that has a secret's shape but is documentation, a template, a reference to
// where the real secret lives, or already redacted. Each test is a pure
// function of the value (and, for echoes, of the name it is assigned to), so
// a vendor rule and the generic detector drop the same look-alikes.
#pragma once

#include <string_view>

namespace quarterdeck::scan {

// Any of the tests below (except echoes_name, which needs the name).
bool placeholder(std::string_view secret);

// Few distinct characters for the length: "xxxxxxxx", "0000-0000-0000".
bool few_distinct(std::string_view secret);

// Six characters or more in alphabetical or numeric order, up or down:
// "abcdefghij", "0123456789", "AIzaSyabcdefghij...".
bool sequential_run(std::string_view secret);

// A run of one character: `x`/`X` four times, `*`, `#`, `.` three times,
// `…` once (a redaction), any other character six times ("000000").
bool repeated_run(std::string_view secret);

// EXAMPLE, SECRETS, SAMPLE, DUMMY, FAKE or TEST in capitals, not inside a
// longer run of capitals ("AKIAIOSFODNN7SECRETS", "sk_live_EXAMPLE..."),
// or example/sample/dummy/fake/changeme/placeholder/redacted in any case
// between non-letters ("my-fake-key"). Lowercase "test" is a mode, not a
// placeholder ("sk_test_..." is a real Stripe key).
bool example_word(std::string_view secret);

// Template and format syntax: "<your-key>", "{{ key }}", "%(key)s", "%s",
// "your_api_key_here", "changeme".
bool template_text(std::string_view secret);

// Where the secret comes from, not the secret: "${VAR}", "$VAR",
// "process.env.X", "os.environ[...]", "os.getenv(...)", "ENV[...]",
// "System.getenv(...)", "config.x", "secrets.X" (GitHub Actions).
bool reference(std::string_view secret);

// The value repeats the name it is assigned to, ignoring case and
// separators: `access_token=ACCESS_TOKEN`, `self.access_token = access_token`.
bool echoes_name(std::string_view name, std::string_view value);

}  // namespace quarterdeck::scan
