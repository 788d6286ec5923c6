// What decides whether a rule's match is a secret: the checks that follow
// the pattern (entropy, stop-words, placeholders, the rule's own check).
// The matcher finds candidates; everything here is a pure function of the
// candidate and its text, so each check is tested on its own.
#pragma once

#include <cstddef>
#include <string_view>

#include "scan/placeholder.hpp"
#include "scan/rules.hpp"

namespace quarterdeck::scan {

// One match of a rule, as the matcher hands it over.
struct Candidate {
  std::string_view secret;   // the rule's secret group
  std::string_view match;    // the whole match
  std::string_view line;     // the line holding it (no newline)
  std::string_view text;     // the whole file
  std::size_t match_end = 0;  // offset in `text` just past the match
};

// True when the candidate is reported: every test the rule asks for passes.
bool passes(const ContentRule& rule, const Candidate& candidate);

// A private key block has a base64 body and an END line after `header_end`.
bool plausible_pem(std::string_view text, std::size_t header_end);

// An assigned value that is a literal secret, not a reference, a path, a
// file name, a version, a Maven coordinate, code, or words ("Authorization",
// "user_password_input").
bool plausible_assignment(std::string_view value);

// Letters in words only: "Authorization", "BearerToken", "access_token",
// "X-Auth-Header" (segments between `_`, `-`, `.` each lowercase, capitals
// or capitalised words).
bool words_only(std::string_view value);

// The name a value is assigned to: the identifier before the operator that
// precedes `secret` on `line` (`self.access_token` in
// `self.access_token = access_token`). `secret` must point into `line`.
std::string_view assigned_name(std::string_view line, std::string_view secret);

// A name whose last word says the value is about a secret, not the secret:
// `secret_hash`, `private_key_id`, `TOKEN_HEADER`, `passwordLength`,
// `api_key_file` (words: id, hash, digest, header, length, file, path, ...).
bool names_a_non_secret(std::string_view name);

// In a Kubernetes `kind: Secret` manifest, a base64 value decoded to the
// printable text it holds; empty when `value` is not one.
std::string kubernetes_secret_value(std::string_view text, std::string_view value);

}  // namespace quarterdeck::scan
