// Credentials carried inside another encoding: JSON Web Tokens (signed,
// encrypted, or wrapped once more in base64), HTTP Basic credentials, the
// password part of a URL or of `curl -u`, and the token of an HTTP
// Authorization or API-key header. Pure functions of their text, used by
// the rules' checks (scan/checks.cpp) and tested on their own.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace quarterdeck::scan {

// Decodes base64 in the standard (+/) or URL-safe (-_) alphabet, padding
// optional. nullopt when a character is in neither alphabet, padding is
// misplaced, or the length cannot be base64 (one character left over).
std::optional<std::string> decode_base64(std::string_view text);

// What a compact JOSE serialisation is (RFC 7515, 7516, 7519).
enum class JwtForm {
  not_a_token,  // segments that do not decode, a header without "alg", ...
  unsigned_,    // a JWS with "alg": "none" or an empty signature: it proves nothing
  signed_,      // header.payload.signature: a bearer credential
  encrypted,    // a JWE (five segments, "alg" and "enc"): a bearer credential too
};
JwtForm jwt_form(std::string_view token);

// A token its holder can use: a signed or encrypted JWT. Unsigned tokens
// are not reported (anyone can make one; they carry no secret).
bool usable_jwt(std::string_view token);

// `value` is a usable JWT encoded once more in base64 (a Kubernetes secret's
// data, a wrapped token in a config file); a trailing newline inside, as
// `echo TOKEN | base64` leaves, is allowed.
bool wrapped_jwt(std::string_view value);

struct BasicCredentials {
  std::string user;
  std::string password;
};

// The `user:password` inside an HTTP Basic value (base64), when it decodes
// to printable text with a colon.
std::optional<BasicCredentials> decode_basic_credentials(std::string_view value);

// A password written as a literal: not a reference (`$PASS`, `${…}`, `{{…}}`,
// `<pass>`, `%s`), not a placeholder (`password`, `pass`, `****`,
// `changeme`), not a port, not the user name again, and more than one kind
// of character unless it is long.
bool plausible_password(std::string_view password, std::string_view user);

// The user name written just before `password` (which must be a view into
// `match`) as `user:password`, in a URL's userinfo or a `-u` argument; empty
// when there is none.
std::string_view user_before(std::string_view match, std::string_view password);

// The token of an Authorization or API-key header: a literal of mixed
// characters, not a reference, a constant's or variable's name, nor a JWT
// (the jwt rule reports those).
bool plausible_header_token(std::string_view token);

}  // namespace quarterdeck::scan
