// What decides whether a rule's match is a secret: the checks that follow
// the pattern (entropy, stop-words, placeholders, the rule's own check).
// The matcher finds candidates; everything here is a pure function of the
// candidate and its text, so each check is tested on its own.
#pragma once

#include <cstddef>
#include <string_view>

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

// The first segment of a JWT is base64url JSON with an "alg" member.
bool plausible_jwt(std::string_view token);

// An assigned value that is a literal secret, not a reference, path or word.
bool plausible_assignment(std::string_view value);

// "xxxxxxxx", "0000-0000": a placeholder has few distinct characters.
bool placeholder(std::string_view secret);

}  // namespace quarterdeck::scan
